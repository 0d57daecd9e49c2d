#!/usr/bin/python3
"""A small LSP client for the tests: runs `pgc lsp`, sends a session's
messages, and prints what the server answers (one JSON document a line,
keys sorted), for a golden file to compare.  Standard library only.

    client.py PGC SCRIPT.json

SCRIPT is a list of steps: {"send": MESSAGE} sends a message ("id" given
means a request, whose response is awaited and printed); {"wait":
"textDocument/publishDiagnostics"} waits for that notification and prints
it ({"wait": "error"}: for an error response without an id); {"raw": "TEXT"} writes bytes as they are.  "$DIR" in a string is the
script's directory (as a path), "$URI" its file: URI."""
import json, os, re, subprocess, sys, urllib.parse

def frame(body):
    b = body.encode("utf-8") if isinstance(body, str) else body
    return b"Content-Length: %d\r\n\r\n" % len(b) + b

def read(p):
    headers = {}
    while True:
        line = p.stdout.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        k, v = line.split(b":", 1)
        headers[k.lower()] = v.strip()
    n = int(headers[b"content-length"])
    return json.loads(p.stdout.read(n).decode("utf-8"))

def subst(x, d, uri):
    if isinstance(x, str):
        return x.replace("$URI", uri).replace("$DIR", d)
    if isinstance(x, list):
        return [subst(y, d, uri) for y in x]
    if isinstance(x, dict):
        return {k: subst(v, d, uri) for k, v in x.items()}
    return x

def main():
    pgc, script = sys.argv[1], sys.argv[2]
    d = os.path.dirname(os.path.abspath(script))
    uri = "file://" + urllib.parse.quote(d)
    steps = subst(json.load(open(script, encoding="utf-8")), d, uri)
    env = dict(os.environ, LANG="C.UTF-8", LANGUAGE="", XDG_CACHE_HOME=os.path.join(d, "cache"))
    p = subprocess.Popen([pgc, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    def show(m):
        s = json.dumps(m, ensure_ascii=False, sort_keys=True)
        s = re.sub(r'"file://[^"]*/language\.md#', '"$DOC/language.md#', s)
        print(s.replace(uri, "$URI").replace(d, "$DIR"))
    for st in steps:
        if "raw" in st:
            p.stdin.write(st["raw"].encode("utf-8"))
            p.stdin.flush()
            continue
        if "send" in st:
            m = st["send"]
            m.setdefault("jsonrpc", "2.0")
            p.stdin.write(frame(json.dumps(m, ensure_ascii=False)))
            p.stdin.flush()
            if "id" not in m or m.get("method") == "exit":
                continue
            want = ("id", m["id"])
        elif st["wait"] == "error":
            want = ("error", None)
        else:
            want = ("method", st["wait"])
        while True:
            r = read(p)
            if r is None:
                print("(the server closed its output)")
                break
            if (want[0] == "error" and "error" in r and r.get("id") is None) or \
                    (want[0] != "error" and r.get(want[0]) == want[1]):
                if want[0] == "id" and m.get("method") == "initialize":
                    r = {"id": r["id"], "result": {"positionEncoding": r["result"]["capabilities"]["positionEncoding"]}}
                show(r)
                break
    p.stdin.close()
    rc = p.wait(timeout=30)
    print("exit status", rc)

main()
