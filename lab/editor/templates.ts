/**
 * Starting points for the editor: common objects as a learner would find them in the Kubernetes
 * documentation, each valid as it is (the test applies every one with a server-side dry run).
 */

/** A template: the menu label, a file name to suggest, and the YAML. */
export interface Template {
  kind: string;
  fileName: string;
  text: string;
}

const labels = (app: string, indent: string): string => `${indent}labels:\n${indent}  app: ${app}\n`;

const podSpec = (indent: string, image = 'nginx:1.27', port = 80): string => `${indent}containers:
${indent}- name: web
${indent}  image: ${image}
${indent}  ports:
${indent}  - containerPort: ${port}
${indent}  resources:
${indent}    requests:
${indent}      cpu: 100m
${indent}      memory: 64Mi
${indent}    limits:
${indent}      memory: 128Mi
`;

/** The templates, in menu order. */
export const templates: readonly Template[] = [
  {
    kind: 'Deployment',
    fileName: 'deployment.yaml',
    text: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
${labels('web', '  ')}spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
${labels('web', '      ')}    spec:
${podSpec('      ')}`,
  },
  {
    kind: 'Service',
    fileName: 'service.yaml',
    text: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: ClusterIP
  selector:
    app: web
  ports:
  - name: http
    port: 80
    targetPort: 80
`,
  },
  {
    kind: 'ConfigMap',
    fileName: 'configmap.yaml',
    text: `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  LOG_LEVEL: info
  index.html: |
    <h1>Hello from Kubelab</h1>
`,
  },
  {
    kind: 'Secret',
    fileName: 'secret.yaml',
    text: `apiVersion: v1
kind: Secret
metadata:
  name: db-credentials
type: Opaque
stringData:
  username: admin
  password: s3cr3t
`,
  },
  {
    kind: 'Ingress',
    fileName: 'ingress.yaml',
    text: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  ingressClassName: nginx
  rules:
  - host: web.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
`,
  },
  {
    kind: 'PersistentVolumeClaim',
    fileName: 'pvc.yaml',
    text: `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes:
  - ReadWriteOnce
  storageClassName: standard
  resources:
    requests:
      storage: 1Gi
`,
  },
  {
    kind: 'Job',
    fileName: 'job.yaml',
    text: `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  backoffLimit: 4
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: pi
        image: busybox:1.36
        command: ["sh", "-c", "echo 3.14159; sleep 5"]
`,
  },
  {
    kind: 'CronJob',
    fileName: 'cronjob.yaml',
    text: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "*/5 * * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: hello
            image: busybox:1.36
            command: ["sh", "-c", "date; echo Hello from the cluster"]
`,
  },
  {
    kind: 'StatefulSet',
    fileName: 'statefulset.yaml',
    text: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels:
      app: db
  template:
    metadata:
${labels('db', '      ')}    spec:
      containers:
      - name: redis
        image: redis:7.4
        ports:
        - containerPort: 6379
        volumeMounts:
        - name: data
          mountPath: /data
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes:
      - ReadWriteOnce
      resources:
        requests:
          storage: 1Gi
`,
  },
  {
    kind: 'DaemonSet',
    fileName: 'daemonset.yaml',
    text: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
${labels('node-agent', '      ')}    spec:
      tolerations:
      - key: node-role.kubernetes.io/control-plane
        operator: Exists
        effect: NoSchedule
      containers:
      - name: agent
        image: busybox:1.36
        command: ["sh", "-c", "while true; do sleep 3600; done"]
`,
  },
  {
    kind: 'HorizontalPodAutoscaler',
    fileName: 'hpa.yaml',
    text: `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 2
  maxReplicas: 10
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 50
`,
  },
  {
    kind: 'NetworkPolicy',
    fileName: 'networkpolicy.yaml',
    text: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-allow-frontend
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes:
  - Ingress
  ingress:
  - from:
    - podSelector:
        matchLabels:
          role: frontend
    ports:
    - protocol: TCP
      port: 80
`,
  },
  {
    kind: 'Role',
    fileName: 'role.yaml',
    text: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: pod-reader
rules:
- apiGroups: [""]
  resources: ["pods", "pods/log"]
  verbs: ["get", "list", "watch"]
`,
  },
  {
    kind: 'RoleBinding',
    fileName: 'rolebinding.yaml',
    text: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-pods
subjects:
- kind: User
  name: jane
  apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: Role
  name: pod-reader
  apiGroup: rbac.authorization.k8s.io
`,
  },
];
