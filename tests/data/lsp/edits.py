#!/usr/bin/python3
"""A long editing session for pgc lsp (tests/cli/lsp-edits.sh).

    edits.py N DOC COMMAND...

Opens DOC, makes N random edits (seeded: the same every run) — insertions
of CJK, ASCII, braces, line ends and characters outside the BMP, and
deletions, in UTF-16 positions — and every tenth edit asks a hover, a
completion, the inlay hints or the semantic tokens and waits for the answer.
Then checks that the last version got its diagnostics ("never stale"), and
that the server's text is the client's: a second document opened with the
client's text must get the same diagnostics.  Prints the server's VmRSS
(kB) after a tenth of the edits and at the end, when COMMAND is pgc itself.
Exit status 0 when all holds."""
import json, os, random, subprocess, sys

def frame(m):
    m["jsonrpc"] = "2.0"
    b = json.dumps(m, ensure_ascii=False).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(b) + b

def read(p):
    n = None
    while True:
        line = p.stdout.readline()
        if not line:
            raise SystemExit("the server closed its output")
        line = line.strip()
        if not line:
            break
        k, v = line.split(b":", 1)
        if k.lower() == b"content-length":
            n = int(v)
    return json.loads(p.stdout.read(n))

def pos(text, i):
    line = text.count("\n", 0, i)
    start = text.rfind("\n", 0, i) + 1
    return {"line": line, "character": len(text[start:i].encode("utf-16-le")) // 2}

def rss(pid):
    try:
        for l in open("/proc/%d/status" % pid):
            if l.startswith("VmRSS:"):
                return int(l.split()[1])
    except OSError:
        pass
    return 0

def main():
    n, docpath, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    text = open(docpath, encoding="utf-8").read()
    rnd = random.Random(15)
    uri, uri2 = "file:///edits/a.pg", "file:///edits/b.pg"
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    pending = []                    # notifications read while waiting
    def send(m):
        p.stdin.write(frame(m))
        p.stdin.flush()
    def until(pred):
        while True:
            r = read(p)
            if pred(r):
                return r
            pending.append(r)
    send({"id": 0, "method": "initialize", "params": {"capabilities": {}, "rootUri": None}})
    until(lambda r: r.get("id") == 0)
    send({"method": "initialized", "params": {}})
    send({"method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "pg", "version": 1, "text": text}}})
    inserts = ["指", "标", " ", "\n", "{", "}", "=", "≥ 90%", "𠀋", "a", "#", "\"", "质量指标", "  "]
    rss_early = 0
    version = 1
    for k in range(n):
        version += 1
        i = rnd.randrange(len(text) + 1)
        if rnd.random() < 0.55 or not text:
            s = rnd.choice(inserts)
            change = {"range": {"start": pos(text, i), "end": pos(text, i)}, "text": s}
            text = text[:i] + s + text[i:]
        else:
            j = min(len(text), i + rnd.randrange(1, 6))
            change = {"range": {"start": pos(text, i), "end": pos(text, j)}, "text": ""}
            text = text[:i] + text[j:]
        send({"method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": version},
              "contentChanges": [change]}})
        if k % 10 == 9:
            at = pos(text, rnd.randrange(len(text) + 1))
            method, params = rnd.choice([
                ("textDocument/hover", {"position": at}),
                ("textDocument/completion", {"position": at}),
                ("textDocument/inlayHint", {"range": {"start": {"line": 0, "character": 0}, "end": at}}),
                ("textDocument/semanticTokens/full", {})])
            params["textDocument"] = {"uri": uri}
            send({"id": 10 + k, "method": method, "params": params})
            r = until(lambda r: r.get("id") == 10 + k)
            if "error" in r:
                raise SystemExit("%s failed: %s" % (method, r["error"]))
        if k == n // 10:
            rss_early = rss(p.pid)
    # the last version's diagnostics come, whatever came before
    send({"id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}})
    until(lambda r: r.get("id") == 1)
    last = None
    for r in pending:
        if r.get("method") == "textDocument/publishDiagnostics" and r["params"]["uri"] == uri:
            last = r
    while last is None or last["params"].get("version") != version:
        r = until(lambda r: r.get("method") == "textDocument/publishDiagnostics")
        if r["params"]["uri"] == uri:
            last = r
    send({"method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri2, "languageId": "pg", "version": 1, "text": text}}})
    other = until(lambda r: r.get("method") == "textDocument/publishDiagnostics" and r["params"]["uri"] == uri2)
    rss_end = rss(p.pid)
    send({"id": 2, "method": "shutdown"})
    until(lambda r: r.get("id") == 2)
    send({"method": "exit"})
    rc = p.wait()
    a = json.dumps(last["params"]["diagnostics"], sort_keys=True)
    b = json.dumps(other["params"]["diagnostics"], sort_keys=True)
    print("%d edits; the last version (%d) got %d diagnostics" % (n, version, len(last["params"]["diagnostics"])))
    if a != b:
        raise SystemExit("the server's text is not the client's: its diagnostics differ")
    print("the same text opened anew gets the same diagnostics")
    if rss_early:
        print("VmRSS after %d edits: %d kB, after %d: %d kB" % (n // 10 + 1, rss_early, n, rss_end))
    if rc != 0:
        raise SystemExit("exit status %d" % rc)

main()
