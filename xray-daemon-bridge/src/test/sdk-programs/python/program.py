"""Drives the real AWS X-Ray SDK for Python against whatever stands at AWS_XRAY_DAEMON_ADDRESS: in the
tests, the xray-daemon-bridge. Written for Debian 12's python3-aws-xray-sdk (0.95), run with
/usr/bin/python3.

Configured by the environment only:
  AWS_XRAY_DAEMON_ADDRESS      "tcp:127.0.0.1:T udp:127.0.0.1:U" (or "127.0.0.1:U")
  PROGRAM_HTTP_URL             a loopback URL the program calls (POST) from inside its segment
  PROGRAM_STREAMING_THRESHOLD  optional; the number of subsegments above which the SDK streams
                               closed subsegments as their own datagrams (0.95 keeps it in the
                               recorder's private _max_subsegments, 30 by default)

Centralized sampling: SDK 0.95 has none. Its only sampler (aws_xray_sdk/core/sampling/
default_sampler.py) decides from local rules (by default: 1 request a second, then 5 %); it has no
rule poller, no target poller, and nothing in the package calls GetSamplingRules or SamplingTargets.
Centralized sampling arrived with aws-xray-sdk 2.0. So this program never touches the TCP port, and
its report says so ("centralizedSampling": false, "rulesFetched": false).

The daemon address: 0.95 only understands "host:port". Its UDP emitter is built when
aws_xray_sdk.core is first imported, from AWS_XRAY_DAEMON_ADDRESS, and "tcp:... udp:..." makes that
import raise InvalidDaemonAddressException. So, as an application on 0.95 would have to, the program
keeps only the udp part of the variable before it imports the SDK (reported as "udpAddressUsed").

What it does: serves one request to itself on a loopback port, and handles it the way the SDK's own
framework middlewares (aws_xray_sdk.ext.flask/django) do: the SDK's header and sampling helpers, a
segment named "python-checkout" with the incoming http request/response. Inside it: annotations
(string, int, float, boolean), metadata (default and "checkout" namespaces, nested dicts), a user,
nested subsegments process-order > validate-cart (an exception recorded with its stack by the
SDK's capture decorator) and process-order > reserve-inventory > <url> (a "remote" subsegment made
by the SDK's requests patch for the POST to PROGRAM_HTTP_URL).

The last line of stdout is one JSON object with what the program observed. Exit code 0 when the
scenario ran; 1 when something it checks itself went wrong ("errors" says what); 2 when the
environment is incomplete.
"""
import importlib.metadata
import json
import logging
import os
import platform
import sys
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer

DAEMON_ADDRESS = os.environ.get('AWS_XRAY_DAEMON_ADDRESS')
TARGET_URL = os.environ.get('PROGRAM_HTTP_URL')
if not DAEMON_ADDRESS or not TARGET_URL:
    sys.stderr.write('program.py needs AWS_XRAY_DAEMON_ADDRESS and PROGRAM_HTTP_URL in its environment\n')
    sys.exit(2)


def udp_part(address):
    """"tcp:H:T udp:H:U" -> "H:U"; "H:U" stays as it is."""
    for part in address.split():
        if part.startswith('udp:'):
            return part[len('udp:'):]
    return address


try:
    SDK_VERSION = importlib.metadata.version('aws-xray-sdk')
except importlib.metadata.PackageNotFoundError:
    SDK_VERSION = None

UDP_ADDRESS = udp_part(DAEMON_ADDRESS)
os.environ['AWS_XRAY_DAEMON_ADDRESS'] = UDP_ADDRESS

report = {
    'sdk': 'aws-xray-sdk',
    'sdkVersion': SDK_VERSION,
    'runtime': 'python ' + platform.python_version(),
    'daemonAddress': DAEMON_ADDRESS,
    'udpAddressUsed': UDP_ADDRESS,
    'segmentName': 'python-checkout',
    'traceId': None,
    'segmentId': None,
    'sampled': None,
    'centralizedSampling': False,
    'samplingDecision': None,
    'rulesFetched': False,
    'ruleNames': [],
    'targetsFetched': False,
    'remoteStatus': None,
    'checkoutStatus': None,
    'sent': [],
    'warnings': [],
    'errors': [],
}


class SdkLog(logging.Handler):
    """The SDK's UDP emitter logs "sending: <datagram> to <ip>:<port>." (debug) right before its
    sendto; the program learns from it which entities went out. Warnings and errors of the SDK go
    to stderr as well."""

    def emit(self, record):
        try:
            text = record.getMessage()
        except Exception:  # a log call whose arguments do not format
            return
        if record.levelno >= logging.WARNING:
            report['warnings'].append('%s: %s' % (record.levelname.lower(), text))
            sys.stderr.write('[xray %s] %s\n' % (record.levelname.lower(), text))
            return
        if text.startswith('sending: '):
            body = text[len('sending: '):]
            lines = body.split('\n', 1)
            if len(lines) == 2:
                document = lines[1][:lines[1].rfind(' to ')]
                try:
                    entity = json.loads(document)
                    kind = entity.get('type', 'segment')
                    report['sent'].append('%s %s' % (kind, entity.get('id')))
                except ValueError:
                    report['warnings'].append('unparsable datagram logged by the SDK')


sdk_logger = logging.getLogger('aws_xray_sdk')
sdk_logger.setLevel(logging.DEBUG)
sdk_logger.addHandler(SdkLog())
sdk_logger.propagate = False

try:
    import requests
    from aws_xray_sdk.core import patch, xray_recorder
    from aws_xray_sdk.core.models import http as xray_http
    from aws_xray_sdk.ext.util import (calculate_sampling_decision, calculate_segment_name,
                                       construct_xray_header)
except ImportError as missing:
    sys.stderr.write('program.py needs Debian\'s python3-aws-xray-sdk (apt-get install -y python3-aws-xray-sdk): %s\n'
                     % missing)
    sys.exit(2)

# The SDK reads AWS_XRAY_DAEMON_ADDRESS itself; configure() only sets what the environment leaves open.
xray_recorder.configure(service='python-checkout', context_missing='LOG_ERROR', sampling=True)
if os.environ.get('PROGRAM_STREAMING_THRESHOLD'):
    xray_recorder._max_subsegments = int(os.environ['PROGRAM_STREAMING_THRESHOLD'])
patch(['requests'])


class CartValidationError(Exception):
    pass


@xray_recorder.capture('validate-cart')
def validate_cart(cart):
    subsegment = xray_recorder.current_subsegment()
    subsegment.put_annotation('coupon_valid', False)
    subsegment.put_metadata('rejected_coupon', {'code': 'SPRING24', 'reason': 'expired'}, 'checkout')
    reject_coupon('SPRING24')


def reject_coupon(code):
    raise CartValidationError('coupon %s expired for sku-456' % code)


def process_order(cart):
    process = xray_recorder.begin_subsegment('process-order')
    process.put_annotation('step', 'process')
    process.put_metadata('attempt', 1)
    try:
        try:
            validate_cart(cart)
        except CartValidationError:
            pass  # recorded on validate-cart by the SDK; the order goes on without the coupon

        reserve = xray_recorder.begin_subsegment('reserve-inventory')
        reserve.put_annotation('warehouse', 'eu-west')
        try:
            answer = requests.post(TARGET_URL, json={'sku': 'sku-123', 'quantity': 2}, timeout=10)
            report['remoteStatus'] = answer.status_code
            return answer.text
        finally:
            xray_recorder.end_subsegment()
    finally:
        xray_recorder.end_subsegment()


checkout_segment = {}


class Checkout(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        # What the SDK's framework middlewares do before the handler ...
        headers = self.headers
        xray_header = construct_xray_header(headers)
        host = headers.get('Host')
        path = self.path.split('?', 1)[0]
        decision = calculate_sampling_decision(trace_header=xray_header, recorder=xray_recorder,
                                               service_name=host, method='POST', path=path)
        segment = xray_recorder.begin_segment(name=calculate_segment_name(host, xray_recorder),
                                              traceid=xray_header.root, parent_id=xray_header.parent,
                                              sampling=decision)
        checkout_segment['segment'] = segment
        report['samplingDecision'] = 'local rules: %s' % ('sampled' if decision else 'not sampled')
        segment.put_http_meta(xray_http.URL, 'http://%s%s' % (host, path))
        segment.put_http_meta(xray_http.METHOD, 'POST')
        segment.put_http_meta(xray_http.USER_AGENT, headers.get('User-Agent'))
        segment.put_http_meta(xray_http.CLIENT_IP, self.client_address[0])

        # ... the handler ...
        length = int(headers.get('Content-Length') or 0)
        cart = json.loads(self.rfile.read(length) or b'{}')
        segment.set_user('customer-42')
        segment.put_annotation('customer_tier', 'gold')
        segment.put_annotation('cart_items', len(cart.get('lines', [])))
        segment.put_annotation('order_total', 59.97)
        segment.put_annotation('express_shipping', True)
        segment.put_metadata('order', {
            'id': 'ord-1001',
            'lines': cart.get('lines', []),
            'shipping': {'method': 'express', 'address': {'city': 'Lisbon', 'country': 'PT'}},
        })
        segment.put_metadata('build', {'commit': '4f2a9c1', 'flags': {'newPricing': True, 'retries': 2}},
                             'checkout')
        status = 200
        try:
            inventory = process_order(cart)
            body = json.dumps({'order': 'ord-1001', 'status': 'accepted', 'inventory': inventory}).encode()
        except Exception as failure:  # the call to PROGRAM_HTTP_URL failed
            report['errors'].append('the call to PROGRAM_HTTP_URL failed: %s' % failure)
            status = 502
            body = json.dumps({'order': 'ord-1001', 'status': 'failed'}).encode()
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

        # ... and after it.
        segment.put_http_meta(xray_http.STATUS, status)
        segment.put_http_meta(xray_http.CONTENT_LENGTH, len(body))
        xray_recorder.end_segment()


def main():
    server = HTTPServer(('127.0.0.1', 0), Checkout)
    worker = threading.Thread(target=server.handle_request, daemon=True)
    worker.start()
    payload = json.dumps({'lines': [
        {'sku': 'sku-123', 'quantity': 2, 'price': 19.99},
        {'sku': 'sku-456', 'quantity': 1, 'price': 19.99},
        {'sku': 'sku-789', 'quantity': 1, 'price': 0},
    ]}).encode()
    request = urllib.request.Request('http://127.0.0.1:%d/checkout?cart=c-77' % server.server_address[1],
                                     data=payload, method='POST',
                                     headers={'Content-Type': 'application/json',
                                              'User-Agent': 'checkout-client/1.0'})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            report['checkoutStatus'] = answer.status
    except Exception as failure:
        report['errors'].append('the checkout request failed: %s' % failure)
    worker.join(30)
    server.server_close()

    segment = checkout_segment.get('segment')
    if segment is not None:
        report['traceId'] = getattr(segment, 'trace_id', None)
        report['segmentId'] = getattr(segment, 'id', None)
        report['sampled'] = bool(getattr(segment, 'sampled', False))
        if report['sampled'] and ('segment %s' % segment.id) not in report['sent']:
            report['errors'].append('the SDK did not send the segment')
    else:
        report['errors'].append('the checkout handler made no segment')
    if report['checkoutStatus'] != 200 and not report['errors']:
        report['errors'].append('the checkout request answered %s' % report['checkoutStatus'])

    sys.stdout.write(json.dumps(report) + '\n')
    sys.stdout.flush()
    return 0 if not report['errors'] else 1


if __name__ == '__main__':
    sys.exit(main())
