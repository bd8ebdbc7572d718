import re, subprocess, json, sys
M='/work/.mirror/'
SRC = {
 'core': ('kubernetes+api','core/v1/types.go'),
 'apps': ('kubernetes+api','apps/v1/types.go'),
 'batch': ('kubernetes+api','batch/v1/types.go'),
 'autoscaling1': ('kubernetes+api','autoscaling/v1/types.go'),
 'autoscaling2': ('kubernetes+api','autoscaling/v2/types.go'),
 'networking': ('kubernetes+api','networking/v1/types.go'),
 'policy': ('kubernetes+api','policy/v1/types.go'),
 'rbac': ('kubernetes+api','rbac/v1/types.go'),
 'storage': ('kubernetes+api','storage/v1/types.go'),
 'admission': ('kubernetes+api','admissionregistration/v1/types.go'),
 'scheduling': ('kubernetes+api','scheduling/v1/types.go'),
 'coordination': ('kubernetes+api','coordination/v1/types.go'),
 'discovery': ('kubernetes+api','discovery/v1/types.go'),
 'events': ('kubernetes+api','events/v1/types.go'),
 'authn': ('kubernetes+api','authentication/v1/types.go'),
 'authz': ('kubernetes+api','authorization/v1/types.go'),
 'meta': ('kubernetes+apimachinery','pkg/apis/meta/v1/types.go'),
 'apiext': ('kubernetes+apiextensions-apiserver','pkg/apis/apiextensions/v1/types.go'),
 'apiextschema': ('kubernetes+apiextensions-apiserver','pkg/apis/apiextensions/v1/types_jsonschema.go'),
}
IMPORTPKG = {'k8s.io/api/core/v1':'core','k8s.io/apimachinery/pkg/apis/meta/v1':'meta'}
pkgs = {}   # pkg -> {structs:{name:[fields]}, alias:{name:goexpr}}
def show(repo, path):
    return subprocess.run(['git','-C',M+repo+'/repo','show','v0.32.0:'+path],capture_output=True,text=True,check=True).stdout
for pkg,(repo,path) in SRC.items():
    text = show(repo,path)
    key = 'apiext' if pkg=='apiextschema' else pkg
    P = pkgs.setdefault(key, {'structs':{}, 'alias':{}, 'imports':{}})
    for m in re.finditer(r'^\s*(\w+)?\s*"([^"]+)"\s*$', text.split('\n)\n')[0] if 'import (' in text else '', re.M):
        alias = m.group(1) or m.group(2).split('/')[-1]
        P['imports'][alias] = IMPORTPKG.get(m.group(2), 'leaf:'+m.group(2))
    lines = text.split('\n')
    i=0
    while i < len(lines):
        l = lines[i]
        m = re.match(r'^type (\w+) struct \{\s*$', l)
        if m:
            name=m.group(1); fields=[]; i+=1
            while not lines[i].startswith('}'):
                fl = lines[i].strip(); i+=1
                if fl.startswith('//') or not fl: continue
                fm = re.match(r"^(?:(\w+)\s+)?([^\s`]+)\s+`(.*)`", fl)
                if not fm: continue
                tag = re.search(r'json:"([^"]*)"', fm.group(3))
                if not tag: continue
                parts = tag.group(1).split(',')
                if parts[0]=='-': continue
                fields.append({'go':fm.group(1), 'type':fm.group(2), 'json':parts[0], 'omitempty':'omitempty' in parts, 'inline':'inline' in parts})
            P['structs'][name]=fields
            continue
        m = re.match(r'^type (\w+) (\S.*?)\s*(//.*)?$', l)
        if m and not m.group(2).startswith('struct') and not m.group(2).startswith('interface') and not m.group(2).startswith('('):
            P['alias'][m.group(1)] = m.group(2)
        i+=1
PRIM = {'string':'s','bool':'b','int':'n','int32':'n','int64':'n','float64':'n','uint':'n','byte':'n','uint64':'n'}
def resolve(pkg, t):
    """returns (kind, detail): kind in prim/struct/slice/map/time/leaf/ptr"""
    if t.startswith('*'): return ('ptr', resolve(pkg, t[1:]))
    if t == '[]byte': return ('bytes', None)
    if t.startswith('[]'): return ('slice', resolve(pkg, t[2:]))
    if t.startswith('map['):
        depth=0
        for j,c in enumerate(t):
            if c=='[': depth+=1
            elif c==']':
                depth-=1
                if depth==0: break
        return ('map', resolve(pkg, t[j+1:]))
    if t in PRIM: return ('prim', PRIM[t])
    if '.' in t:
        a,n = t.split('.',1)
        target = pkgs[pkg]['imports'].get(a, 'leaf:'+a)
        if target.startswith('leaf:'):
            if n == 'IntOrString': return ('intstr', None)
            if n == 'UID': return ('prim','s')
            if n in ('RawExtension',): return ('raw', None)
            return ('leaf', t)
        return resolve_named(target, n)
    return resolve_named(pkg, t)
def resolve_named(pkg, n):
    P = pkgs[pkg]
    if pkg=='meta' and n in ('Time','MicroTime'): return ('time', None)
    if pkg=='meta' and n in ('Duration',): return ('leaf', n)
    if pkg=='apiext' and n in ('JSON',): return ('raw', None)
    if n in P['structs']: return ('struct', (pkg, n))
    if n in P['alias']: return resolve(pkg, P['alias'][n])
    return ('leaf', pkg+'.'+n)
ROOTS = {
 'core': ['Binding','ComponentStatus','ConfigMap','Endpoints','Event','LimitRange','Namespace','Node','PersistentVolumeClaim','PersistentVolume','Pod','PodTemplate','ReplicationController','ResourceQuota','Secret','ServiceAccount','Service'],
 'apps': ['ControllerRevision','DaemonSet','Deployment','ReplicaSet','StatefulSet'],
 'events': ['Event'], 'authn': ['SelfSubjectReview','TokenReview'],
 'authz': ['LocalSubjectAccessReview','SelfSubjectAccessReview','SelfSubjectRulesReview','SubjectAccessReview'],
 'autoscaling2': ['HorizontalPodAutoscaler'], 'autoscaling1': ['HorizontalPodAutoscaler','Scale'],
 'batch': ['CronJob','Job'], 'networking': ['IngressClass','Ingress','NetworkPolicy'],
 'policy': ['PodDisruptionBudget','Eviction'], 'rbac': ['ClusterRoleBinding','ClusterRole','RoleBinding','Role'],
 'storage': ['StorageClass'], 'admission': ['ValidatingAdmissionPolicy','ValidatingAdmissionPolicyBinding'],
 'apiext': ['CustomResourceDefinition'], 'scheduling': ['PriorityClass'], 'coordination': ['Lease'], 'discovery': ['EndpointSlice'],
 'meta': ['Status'],
}
out = {}  # (pkg,name) -> token list
def ref(frompkg, target):
    p,n = target
    return n if p==frompkg else p+'.'+n
def flatten(pkg, name):
    res=[]
    for f in pkgs[pkg]['structs'][name]:
        if f['inline'] or f['json']=='':
            k = resolve(pkg, f['type'])
            assert k[0]=='struct', (pkg,name,f)
            res += [(k[1][0], x) for x in flatten(*k[1])] if False else flatten_owned(k[1][0], k[1][1])
        else:
            res.append((pkg, f))
    return res
def flatten_owned(pkg, name):
    return flatten(pkg, name)
def visit(pkg, name):
    if (pkg,name) in out: return
    out[(pkg,name)] = None
    toks=[]
    for (fpkg, f) in flatten(pkg, name):
        k = resolve(fpkg, f['type'])
        tok = f['json']; typ=None; mapf=False; flag=''
        kind, det = k
        ptr = False
        if kind=='ptr': ptr=True; kind,det = det
        if kind=='slice':
            ek, ed = det
            if ek=='ptr': ek,ed = ed
            if ek=='struct': typ=ed
            if not f['omitempty']: flag='~'
            elif not ptr: flag='-'
        elif kind=='map':
            mapf=True
            vk, vd = det
            if vk=='slice': vk,vd = vd
            if vk=='struct': typ=vd
            if not f['omitempty']: flag='~'
            elif not ptr: flag='-'
        elif kind=='struct':
            typ=det
            if not ptr: flag='!'
            elif not f['omitempty']: flag='~'
        elif kind=='time':
            if not ptr: flag='~'
            elif not f['omitempty']: flag='~'
        elif kind=='raw':
            if not ptr: flag='~'
        elif kind=='intstr':
            if not ptr: flag='=n'
        elif kind=='prim':
            if ptr:
                if not f['omitempty']: flag='~'
            elif not f['omitempty']: flag='='+det
            else: flag='-'
        elif kind=='bytes':
            if not f['omitempty']: flag='~'
            else: flag='-'
        if typ: tok += ':'+ref(pkg, typ); visit(*typ)
        if mapf: tok += '@'
        tok += flag
        toks.append(tok)
    out[(pkg,name)] = toks
for p, names in ROOTS.items():
    for n in names: visit(p, n)
bypkg={}
for (p,n),toks in out.items(): bypkg.setdefault(p,{})[n]=' '.join(toks)
json.dump(bypkg, open(sys.argv[1] if len(sys.argv) > 1 else 'field-order.json','w'), indent=1)
print({p:len(v) for p,v in bypkg.items()}, sum(len(s) for v in bypkg.values() for s in v.values()))
