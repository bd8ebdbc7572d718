kubectl set image deployment/hello hello=kubelab/hello:2.0
kubectl rollout status deployment/hello
kubectl set image deployment/hello hello=kubelab/hello:3.0-broken
sleep 60
