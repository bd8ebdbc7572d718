import json
import sys
d=json.load(open(sys.argv[1] if len(sys.argv) > 1 else 'field-order.json'))
HEAD='''/**
 * {title}
 * Generated from the Go structs of {src} at v0.32.0
 * (see README.md, "Field order table"): each entry lists a type's JSON fields in Go declaration order, which is the order the API server's JSON
 * encoder writes them. Token grammar: `name[:Type][@][!|~|-|=s|=n|=b]` — `:Type` the struct type of the
 * value (or of each list item / map value), `@` a Go map (encoded with sorted keys), `!` a non-pointer
 * struct (always written, `{{}}` when empty), `~` written as `null` when absent, `=s`/`=n`/`=b` a
 * non-omitempty string/number/bool (written as `""`/`0`/`false` when absent), `-` a
 * non-pointer omitempty scalar, list or map (dropped when `""`, `0`, `false` or empty).
 */
'''
def emit(path, title, src, pkgs):
    out=[HEAD.format(title=title, src=src).rstrip('\n')]
    for p in pkgs:
        out.append(f'\n/** Package `{p}`. */\nexport const {p}Types: Record<string, string> = {{')
        for n,s in d[p].items():
            out.append(f"  {n}: '{s}',")
        out.append('};')
    open(path,'w').write('\n'.join(out)+'\n')
emit('engine/api/defaulting/field-order-core.ts','Field order of the core/v1 and meta/v1 types.','kubernetes/api core/v1 and kubernetes/apimachinery meta/v1',['core','meta'])
rest=[p for p in d if p not in ('core','meta')]
emit('engine/api/defaulting/field-order-groups.ts','Field order of the named API groups\' types.','kubernetes/api (apps, batch, …) and kubernetes/apiextensions-apiserver',rest)
