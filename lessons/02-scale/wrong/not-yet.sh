# Scaled, but graded before the new pods have started.
kubectl scale deployment web --replicas=5
