using static V6Ready.Python.Tests.TestUtil;

namespace V6Ready.Python.Tests;

/// <summary>Each rule: positives, and dual-stack look-alikes that must stay quiet.</summary>
public class DetectorTests
{
    [Theory]
    [InlineData("from flask import Flask\napp = Flask(__name__)\napp.run(host='0.0.0.0', port=8080)\n")]
    [InlineData("import flask as fl\napp = fl.Flask(__name__)\napp.run('0.0.0.0', 8080)\n")]
    [InlineData("import os\nfrom flask import Flask as F\napp = F(__name__)\napp.run(host=os.environ.get('HOST', '0.0.0.0'))\n")]
    [InlineData("import uvicorn\nuvicorn.run('main:app', host='0.0.0.0', port=8000)\n")]
    [InlineData("import hypercorn.config\nconfig = hypercorn.config.Config()\nconfig.bind = ['0.0.0.0:8000']\n")]
    [InlineData("import os, uvicorn\nport = os.environ.get('PORT', '8080')\nuvicorn.run(app, host=os.getenv('HOST') or '0.0.0.0', port=int(port))\n")]
    [InlineData("from aiohttp import web\nweb.run_app(app, host='0.0.0.0', port=8080)\n")]
    [InlineData("from http.server import HTTPServer, BaseHTTPRequestHandler\nHTTPServer(('', 8000), BaseHTTPRequestHandler).serve_forever()\n")]
    [InlineData("import socket\ns = socket.socket()\ns.bind(('0.0.0.0', 9000))\n")]
    [InlineData("import socket\nHOST = ''\ns = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\ns.bind((HOST, 9000))\n")]
    [InlineData("import asyncio\nasync def main():\n    await asyncio.start_server(handle, '0.0.0.0', 8888)\n")]
    [InlineData("import argparse\nfrom flask import Flask\napp = Flask(__name__)\np = argparse.ArgumentParser()\np.add_argument('--host', default='0.0.0.0')\nargs = p.parse_args()\napp.run(host=args.host)\n")]
    [InlineData("import click\nfrom flask import Flask\napp = Flask(__name__)\n@click.command()\n@click.option('--host', default='0.0.0.0')\ndef main(host):\n    app.run(host=host)\n")]
    [InlineData("from flask import Flask\ndef create_app():\n    app = Flask(__name__)\n    return app\nif __name__ == '__main__':\n    app = create_app()\n    app.run(host='0.0.0.0', port=8080)\n")]
    [InlineData("from werkzeug.serving import run_simple\nrun_simple('0.0.0.0', 5000, app)\n")]
    public void V6001_positives(string code) => Assert.Contains("V6001", RuleIds(code));

    [Theory]
    [InlineData("from flask import Flask\napp = Flask(__name__)\napp.run(host='::', port=8080)\n")]
    [InlineData("import grpc\nserver = grpc.server(None)\nserver.add_insecure_port('[::]:50051')\n")]
    [InlineData("import socket\ns = socket.create_server(('', 8080), family=socket.AF_INET6, dualstack_ipv6=True)\n")]
    [InlineData("from aiohttp import web\nweb.run_app(app, port=8080)\n")]
    [InlineData("import socket\ns = socket.socket(socket.AF_INET6)\ns.bind(('', 9000))\n")]
    [InlineData("import grpc\nserver = grpc.server(None)\nserver.add_insecure_port('0.0.0.0:50051')\n")]
    [InlineData("import grpc\nport = '50051'\nserver = grpc.server(None)\nserver.add_insecure_port(f'0.0.0.0:{port}')\n")]
    [InlineData("import uvicorn\nuvicorn.run('main:app', host='::', port=8000)\n")]
    [InlineData("# app.run(host='0.0.0.0')\nDOC = \"app.run(host='0.0.0.0')\"\n")]
    [InlineData("class App:\n    def run(self, host): pass\napp = App()\napp.run(host='0.0.0.0')\n")]
    public void V6001_negatives(string code) => Assert.DoesNotContain("V6001", RuleIds(code));

    [Theory]
    [InlineData("from flask import Flask\napp = Flask(__name__)\napp.run(host='127.0.0.1')\n")]
    [InlineData("import uvicorn\nuvicorn.run(app, host='127.0.0.1')\n")]
    [InlineData("import grpc\nserver = grpc.server(None)\nserver.add_insecure_port('127.0.0.1:50051')\n")]
    [InlineData("import socket\ns = socket.socket()\ns.bind(('127.0.0.1', 0))\n")]
    [InlineData("from http.server import HTTPServer\nHTTPServer(('localhost', 8000), H)\n")]
    public void V6002_positives(string code) => Assert.Contains("V6002", RuleIds(code));

    [Theory]
    [InlineData("from flask import Flask\napp = Flask(__name__)\napp.run(host='::1')\n")]
    [InlineData("import grpc\nserver = grpc.server(None)\nserver.add_insecure_port('[::1]:50051')\n")]
    [InlineData("import socket\ns = socket.socket()\ns.bind(('127.0.0.1', 0))\n", "tests/test_server.py")]
    [InlineData("import requests\nrequests.get('http://127.0.0.1:8080/health')\n")]
    [InlineData("from flask import Flask\napp = Flask(__name__)\napp.run()\n")]
    public void V6002_negatives(string code, string path = "app.py") => Assert.DoesNotContain("V6002", RuleIds(code, path));

    [Theory]
    [InlineData("import requests\nrequests.get('http://10.0.0.5:8080/api')\n")]
    [InlineData("import grpc\nchannel = grpc.insecure_channel('10.1.2.3:50051')\n")]
    [InlineData("import redis\nr = redis.Redis(host='172.16.0.4', port=6379)\n")]
    [InlineData("from pymongo import MongoClient\nc = MongoClient('mongodb://10.0.0.7:27017')\n")]
    [InlineData("REDIS_URL = 'redis://10.0.0.9:6379/0'\n")]
    [InlineData("import os, psycopg2\nconn = psycopg2.connect(host=os.getenv('DB_HOST', '10.2.3.4'))\n")]
    public void V6003_positives(string code) => Assert.Contains("V6003", RuleIds(code));

    [Theory]
    [InlineData("import requests\nrequests.get('http://api.internal:8080/api')\n")]
    [InlineData("import requests\nrequests.get('http://10.0.0.5:8080/api')\n", "tests/test_client.py")]
    [InlineData("ALLOWED = '10.0.0.0/8'\n")]
    [InlineData("VERSION = '1.2.3.4'\n")]
    [InlineData("import grpc\nchannel = grpc.insecure_channel('[fd00::5]:50051')\n")]
    [InlineData("import requests\nrequests.get('http://192.0.2.10/')\n")]
    [InlineData("import requests\nrequests.get('http://127.0.0.1:8080/')\n")]
    public void V6003_negatives(string code, string path = "app.py") => Assert.DoesNotContain("V6003", RuleIds(code, path));

    [Theory]
    [InlineData("import socket\ndef local_ip():\n    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n    s.connect(('8.8.8.8', 80))\n    return s.getsockname()[0]\n")]
    [InlineData("import socket\ndef local_ip():\n    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n    s.connect(('1.1.1.1', 53))\n    ip = s.getsockname()[0]\n    s.close()\n    return ip\n")]
    [InlineData("import socket as so\ndef f():\n    s = so.socket(so.AF_INET, so.SOCK_DGRAM)\n    s.connect((\"8.8.4.4\", 80))\n    return s.getsockname()\n")]
    [InlineData("import socket\nPUBLIC = '8.8.8.8'\ndef f():\n    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n    s.connect((PUBLIC, 80))\n    return s.getsockname()[0]\n")]
    [InlineData("from socket import *\ndef f():\n    s = socket(AF_INET, SOCK_DGRAM)\n    s.connect(('9.9.9.9', 80))\n    return s.getsockname()[0]\n")]
    public void V6004_positives(string code) => Assert.Contains("V6004", RuleIds(code));

    [Theory]
    [InlineData("import socket\ndef f():\n    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n    s.connect(('10.0.0.1', 80))\n    return s.getsockname()[0]\n")]
    [InlineData("import socket\ndef f():\n    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n    s.connect(('8.8.8.8', 80))\n    s.send(b'x')\n")]
    [InlineData("import socket\ndef f(host):\n    s = socket.create_connection((host, 80))\n    return s.getsockname()[0]\n")]
    [InlineData("import socket\ndef f():\n    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)\n    s.connect(('dns.google', 80))\n    return s.getsockname()[0]\n")]
    [InlineData("import netifaces\nprint(netifaces.interfaces())\n")]
    public void V6004_negatives(string code) => Assert.DoesNotContain("V6004", RuleIds(code));

    [Theory]
    [InlineData("def f(host, port):\n    return f'{host}:{port}'\n")]
    [InlineData("def f(host, port):\n    return host + ':' + str(port)\n")]
    [InlineData("def f(host, port):\n    return '%s:%d' % (host, port)\n")]
    [InlineData("def f(host, port):\n    return '{}:{}'.format(host, port)\n")]
    [InlineData("def f(self):\n    return ':'.join([self.host, str(self.port)])\n")]
    [InlineData("def f(cfg):\n    return f\"http://{cfg['host']}:{cfg['port']}/\"\n")]
    public void V6005_positives(string code) => Assert.Contains("V6005", RuleIds(code));

    [Theory]
    [InlineData("def f(h, m):\n    return f'{hours}:{minutes}'\n")]
    [InlineData("def f(host, port):\n    return f'[{host}]:{port}'\n")]
    [InlineData("def f(host, port):\n    if ':' in host:\n        host = f'[{host}]'\n    return f'{host}:{port}'\n")]
    [InlineData("HOST = 'db.internal'\ndef f(port):\n    return f'{HOST}:{port}'\n")]
    [InlineData("def f(host, port):\n    log.info('listening on host %s port %d', host, port)\n")]
    [InlineData("def f(key, value):\n    return f'{key}: {value}'\n")]
    [InlineData("def f(host, port):\n    raise TimeoutError('Timeout when waiting for %s:%s' % (host, port))\n")]
    [InlineData("def f(host, port):\n    return f'Cannot connect to host {host}:{port}'\n")]
    [InlineData("def f(host, path):\n    return '{0}:{1}'.format(host, path)\n")]
    [InlineData("def f(host, port):\n    return f'http://{host}:{port}/'\n", "tests/test_client.py")]
    public void V6005_negatives(string code, string path = "app.py") => Assert.DoesNotContain("V6005", RuleIds(code, path));

    [Theory]
    [InlineData("def f(addr):\n    host, port = addr.split(':')\n    return host\n")]
    [InlineData("def f(address):\n    return address.split(':')[0]\n")]
    [InlineData("def f(netloc):\n    host, _, port = netloc.partition(':')\n    return host\n")]
    [InlineData("def f(addr):\n    host, port = addr.rsplit(':', 1)\n    return host\n")]
    [InlineData("def f(self):\n    parts = self.endpoint.split(':')\n    return parts\n")]
    public void V6006_positives(string code) => Assert.Contains("V6006", RuleIds(code));

    [Theory]
    [InlineData("def f(line):\n    key, value = line.split(':')\n")]
    [InlineData("def f(addr):\n    host, port = addr.rsplit(':', 1)\n    host = host.strip('[]')\n    return host\n")]
    [InlineData("def f(addr):\n    return addr.rsplit(':', 1)[1]\n")]
    [InlineData("def f(addr):\n    return addr.split(',')\n")]
    [InlineData("def f(ts):\n    h, m = ts.split(':')\n")]
    public void V6006_negatives(string code) => Assert.DoesNotContain("V6006", RuleIds(code));

    [Theory]
    [InlineData("import socket\ns = socket.socket()\n")]
    [InlineData("import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n")]
    [InlineData("from socket import socket, AF_INET, SOCK_DGRAM\ns = socket(AF_INET, SOCK_DGRAM)\n")]
    [InlineData("import socket\nsrv = socket.create_server(('', 8080))\n")]
    [InlineData("import socket as so\nsrv = so.create_server(('0.0.0.0', 8080), reuse_port=True)\n")]
    public void V6007_positives(string code) => Assert.Contains("V6007", RuleIds(code));

    [Theory]
    [InlineData("import socket\ns = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)\n")]
    [InlineData("import socket\ns = socket.socket(socket.AF_UNIX)\n")]
    [InlineData("import socket\nsrv = socket.create_server(('', 8080), family=socket.AF_INET6, dualstack_ipv6=True)\n")]
    [InlineData("import socket\ns = socket.socket(family=socket.AF_INET6)\n")]
    [InlineData("class socket:\n    pass\ns = socket()\n")]
    public void V6007_negatives(string code) => Assert.DoesNotContain("V6007", RuleIds(code));

    [Theory]
    [InlineData("import ipaddress\ndef valid(ip):\n    ipaddress.IPv4Address(ip)\n")]
    [InlineData("import socket\nb = socket.inet_aton(ip)\n")]
    [InlineData("import socket\ns = socket.inet_ntoa(packed)\n")]
    [InlineData("import re\nIP_RE = re.compile(r'^\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$')\n")]
    [InlineData("from ipaddress import IPv4Network\nnet = IPv4Network(cidr)\n")]
    public void V6008_positives(string code) => Assert.Contains("V6008", RuleIds(code));

    [Theory]
    [InlineData("import ipaddress\ndef valid(ip):\n    ipaddress.ip_address(ip)\n")]
    [InlineData("import ipaddress\ndef valid(ip):\n    try:\n        ipaddress.IPv4Address(ip)\n    except ValueError:\n        ipaddress.IPv6Address(ip)\n")]
    [InlineData("import re\nVERSION_RE = re.compile(r'^\\d+\\.\\d+\\.\\d+$')\n")]
    [InlineData("import socket\nb = socket.inet_pton(socket.AF_INET6, ip)\n")]
    [InlineData("import re\nm = re.match(r'(\\w+)\\.(\\w+)', name)\n")]
    [InlineData("import socket\ndef is_ipv4_address(s):\n    socket.inet_aton(s)\n")]
    public void V6008_negatives(string code) => Assert.DoesNotContain("V6008", RuleIds(code));

    [Theory]
    [InlineData("import socket\nip = socket.gethostbyname('db')\n")]
    [InlineData("import socket\nname, aliases, ips = socket.gethostbyname_ex(host)\n")]
    [InlineData("import socket\ninfos = socket.getaddrinfo(host, 80, socket.AF_INET)\n")]
    [InlineData("import socket\ninfos = socket.getaddrinfo(host, 80, family=socket.AF_INET)\n")]
    [InlineData("import socket\nip = socket.getaddrinfo(host, 80)[0][4][0]\n")]
    [InlineData("from socket import gethostbyname as g\nip = g(host)\n")]
    public void V6009_positives(string code) => Assert.Contains("V6009", RuleIds(code));

    [Theory]
    [InlineData("import socket\ninfos = socket.getaddrinfo(host, 80)\n")]
    [InlineData("import socket\ninfos = socket.getaddrinfo(host, 80, socket.AF_UNSPEC)\n")]
    [InlineData("import socket\nfor info in socket.getaddrinfo(host, 80, type=socket.SOCK_STREAM):\n    pass\n")]
    [InlineData("def gethostbyname(x):\n    return x\nip = gethostbyname('db')\n")]
    [InlineData("import socket\nname = socket.gethostname()\n")]
    public void V6009_negatives(string code) => Assert.DoesNotContain("V6009", RuleIds(code));
}
