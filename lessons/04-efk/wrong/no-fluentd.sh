# Elasticsearch and Kibana, but nothing ships the logs.
kubectl apply -f files/elasticsearch.yaml
kubectl apply -f files/kibana.yaml
sleep 180
