# An imperative Deployment: one replica and no Service.
kubectl create deployment web --image=nginx:1.27
sleep 60
