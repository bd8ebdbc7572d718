kubectl scale deployment web --replicas=5
sleep 60
