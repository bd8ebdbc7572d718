# 2.0 runs, but the broken version was never shipped and undone.
kubectl set image deployment/hello hello=kubelab/hello:2.0
kubectl rollout status deployment/hello
