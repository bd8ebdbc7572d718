kubectl apply -f files/elasticsearch.yaml
sleep 60
kubectl apply -f files/fluentd.yaml
kubectl apply -f files/kibana.yaml
sleep 120
kubectl rollout status statefulset/elasticsearch -n logging
kubectl rollout status daemonset/fluentd -n logging
