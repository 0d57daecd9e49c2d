#!/usr/bin/python3
"""The language server's latency (bench/README.md, "pgc lsp"): a document
of 60 projects (the examples, renamed, about 3,000 lines) is opened, then
edited N times (one character of a target changed, incrementally) — each
time from the didChange written to its publishDiagnostics read — and asked
N hovers (on an indicator) and N completions (under 产出指标).  Prints the
median and the 90th percentile of each, in milliseconds.

    bench/lsp-bench.py PGC [N]      (N: 200)"""
import glob, json, os, statistics, subprocess, sys, time

def frame(m):
    b = json.dumps(m, ensure_ascii=False).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(b) + b

def read(p):
    n = None
    while True:
        line = p.stdout.readline().strip()
        if not line:
            break
        k, v = line.split(b":", 1)
        if k.lower() == b"content-length":
            n = int(v)
    return json.loads(p.stdout.read(n))

def main():
    pgc = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    texts = [open(f, encoding="utf-8").read() for f in sorted(glob.glob(os.path.join(top, "examples", "*.pg")))]
    parts = []
    for k in range(60):
        t = texts[k % len(texts)]
        first, rest = t.split("\n", 1)
        parts.append(first.replace(" {", "%d {" % k, 1) + "\n" + rest)
    doc = "\n".join(parts)
    lines = doc.split("\n")
    # where to edit (a digit of a 资金 line of the last project), hover and complete
    edit_line = max(i for i, l in enumerate(lines) if "年度资金申请总额" in l)
    edit_col = len(lines[edit_line]) - len(lines[edit_line].lstrip()) + len("年度资金申请总额") + 1
    while not lines[edit_line][edit_col].isdigit():
        edit_col += 1
    ind_line = max(i for i, l in enumerate(lines) if l.strip().startswith("指标 "))
    ind_col = lines[ind_line].index("指标 ") + 4
    l2_line = max(i for i, l in enumerate(lines) if l.strip().startswith("数量指标"))
    l2_col = lines[l2_line].index("数量指标")
    uri = "file:///bench/portfolio.pg"
    p = subprocess.Popen([pgc, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    def send(m):
        m["jsonrpc"] = "2.0"
        p.stdin.write(frame(m))
        p.stdin.flush()
    def until(pred):
        while True:
            r = read(p)
            if pred(r):
                return r
    send({"id": 0, "method": "initialize", "params": {"capabilities": {}, "rootUri": None}})
    until(lambda r: r.get("id") == 0)
    send({"method": "initialized", "params": {}})
    send({"method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "pg", "version": 1, "text": doc}}})
    r = until(lambda r: r.get("method") == "textDocument/publishDiagnostics")
    assert not [d for d in r["params"]["diagnostics"] if d["severity"] == 1], r["params"]["diagnostics"][:2]
    def timed(msg, pred):
        """Milliseconds from msg written to the answer pred accepts; the answer."""
        t = time.perf_counter()
        send(msg)
        r = until(pred)
        return (time.perf_counter() - t) * 1000, r
    change, hover, complete = [], [], []
    for i in range(n):
        rng = {"start": {"line": edit_line, "character": edit_col}, "end": {"line": edit_line, "character": edit_col + 1}}
        ms, r = timed({"method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": i + 2},
                       "contentChanges": [{"range": rng, "text": str((i + 1) % 10)}]}},
                      lambda r: r.get("method") == "textDocument/publishDiagnostics")
        change.append(ms)
        assert r["params"]["version"] == i + 2
    for i in range(n):
        ms, r = timed({"id": 10 + i, "method": "textDocument/hover", "params": {"textDocument": {"uri": uri},
                       "position": {"line": ind_line, "character": ind_col}}}, lambda r: r.get("id") == 10 + i)
        hover.append(ms)
        assert r["result"], r
    for i in range(n):
        ms, r = timed({"id": 100000 + i, "method": "textDocument/completion", "params": {"textDocument": {"uri": uri},
                       "position": {"line": l2_line, "character": l2_col}}}, lambda r: r.get("id") == 100000 + i)
        complete.append(ms)
        assert len(r["result"]) == 4, r
    send({"id": 1, "method": "shutdown"})
    until(lambda r: r.get("id") == 1)
    send({"method": "exit"})
    p.wait()
    print("document: %d lines, 60 projects; %d of each" % (len(lines), n))
    print("%-36s %10s %10s" % ("", "median ms", "p90 ms"))
    for name, v in (("didChange → publishDiagnostics", change), ("hover (an indicator)", hover),
                    ("completion (under 产出指标)", complete)):
        v = sorted(v)
        print("%-36s %10.2f %10.2f" % (name, statistics.median(v), v[int(len(v) * 0.9)]))

main()
