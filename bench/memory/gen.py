#!/usr/bin/env python3
"""Writes one large generated source file of a given kind, for peak-memory runs (bench/memory/run.sh).

usage: gen.py KIND MEGABYTES OUT_FILE
KIND: js, ts, yaml, go, python, java, json (a Kubernetes List as `kubectl get -o json` prints it).
Each file is many small ordinary units (functions, documents, objects) with one finding near the start,
the shape a generated or bundled-but-not-minified file has.
"""
import sys

UNITS = {
    "js": ("const net = require('net');\nnet.createServer().listen(8080, '0.0.0.0');\n",
           "function handler{i}(req, res) {{\n  const host = req.headers['x-host-{i}'] || 'svc-{i}.local';\n  return res.end(host + '/' + {i});\n}}\n"),
    "ts": ("import * as net from 'net';\nnet.createServer().listen(8080, '0.0.0.0');\n",
           "export function handler{i}(req: {{ host?: string }}, port: number): string {{\n  const host: string = req.host ?? 'svc-{i}.local';\n  return host + '/' + (port + {i});\n}}\n"),
    "yaml": ("",
             "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg-{i}\n  labels:\n    app: app-{i}\ndata:\n  listen: \"[::]:{p}\"\n  peers: \"a-{i}.svc,b-{i}.svc\"\n  mode: dual\n"),
    "go": ("package main\n\nimport (\n\t\"fmt\"\n\t\"net\"\n)\n\nfunc main() {\n\tl, _ := net.Listen(\"tcp4\", \":8080\")\n\tfmt.Println(l)\n}\n",
           "\nfunc handler{i}(host string, port int) string {{\n\tif host == \"\" {{\n\t\thost = \"svc-{i}.local\"\n\t}}\n\treturn fmt.Sprint(host, \"/\", port+{i})\n}}\n"),
    "python": ("import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n",
               "\ndef handler_{i}(host, port):\n    if not host:\n        host = 'svc-{i}.local'\n    return '%s/%d' % (host, port + {i})\n"),
    "java": ("package gen;\n\nimport java.net.InetAddress;\n\npublic class Big {\n  static Object a = InetAddress.getByName(\"127.0.0.1\");\n",
             "  static String handler{i}(String host, int port) {{\n    if (host == null) host = \"svc-{i}.local\";\n    return host + \"/\" + (port + {i});\n  }}\n"),
}


def main():
    kind, mb, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    target = int(mb * 1024 * 1024)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        if kind == "json":
            f.write('{"apiVersion":"v1","kind":"List","items":[')
            n, i = f.tell(), 0
            while n < target:
                s = ('' if i == 0 else ',') + ('{"apiVersion":"v1","kind":"Service","metadata":{"name":"svc-%d","namespace":"ns-%d"},'
                     '"spec":{"type":"ClusterIP","clusterIP":"10.96.%d.%d","clusterIPs":["10.96.%d.%d"],"ipFamilies":["IPv4"],'
                     '"ipFamilyPolicy":"SingleStack","ports":[{"port":80,"targetPort":8080}]}}') % (i, i % 50, i // 256 % 256, i % 256, i // 256 % 256, i % 256)
                f.write(s)
                n += len(s)
                i += 1
            f.write("]}\n")
            return
        head, unit = UNITS[kind]
        f.write(head)
        n, i = len(head), 0
        while n < target:
            s = unit.format(i=i, p=8000 + i % 1000)
            f.write(s)
            n += len(s)
            i += 1
        if kind == "java":
            f.write("}\n")


if __name__ == "__main__":
    main()
