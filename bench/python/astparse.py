"""CPython's ast.parse over a list of files: the peer of bench/python/harness.

Usage: python3 astparse.py FILES.txt [REPEAT] [--failures]
Prints "files=N ok=K failed=F bytes=B", then "seconds=S MBps=X cpuMBps=Y" for REPEAT timed passes over the files it
accepted and rejected alike (every file is parsed, as the harness does), and with --failures one "FAIL path: message".
Files are decoded as UTF-8 (replacement for bad bytes) like the scanner, then parsed from text.
"""
import ast
import sys
import time
import warnings

warnings.simplefilter("ignore")


def main():
    path = sys.argv[1]
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2].isdigit() else 1
    failures = "--failures" in sys.argv
    files = [l.rstrip("\n") for l in open(path, encoding="utf-8") if l.strip()]
    texts = []
    total = 0
    for f in files:
        b = open(f, "rb").read()
        total += len(b)
        texts.append((f, b.decode("utf-8", "replace")))
    ok = 0
    failed = []
    for f, t in texts:
        try:
            ast.parse(t, filename=f)
            ok += 1
        except (SyntaxError, ValueError, RecursionError, MemoryError) as e:
            failed.append("FAIL %s: %s" % (f, str(e).replace("\n", " ")))
    print("files=%d ok=%d failed=%d bytes=%d" % (len(texts), ok, len(failed), total))
    if failures:
        for l in failed:
            print(l)
    if repeat == 0:
        return
    c0 = time.process_time()
    w0 = time.perf_counter()
    for _ in range(repeat):
        for f, t in texts:
            try:
                ast.parse(t, filename=f)
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                pass
    wall = time.perf_counter() - w0
    cpu = time.process_time() - c0
    mb = total * repeat / 1e6
    print("seconds=%.3f MBps=%.2f cpuMBps=%.2f" % (wall, mb / wall, mb / cpu))


main()
