# Apply the workspace file, then give the pods time to pull nginx and start.
kubectl apply -f files/web.yaml
sleep 60
kubectl rollout status deployment/web
