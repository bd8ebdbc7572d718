kubectl scale deployment web --replicas=4
sleep 60
