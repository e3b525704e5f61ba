'use strict';
// Drives the real AWS X-Ray SDK for Node.js (aws-xray-sdk-core, version pinned in package.json)
// against whatever stands at AWS_XRAY_DAEMON_ADDRESS: in the tests, the xray-daemon-bridge.
//
// Configured by the environment only:
//   AWS_XRAY_DAEMON_ADDRESS      "tcp:127.0.0.1:T udp:127.0.0.1:U" (read by the SDK itself)
//   PROGRAM_HTTP_URL             a loopback URL the program calls (POST) from inside its segment
//   PROGRAM_SAMPLING_TARGETS     "poller" (default): wait for the SDK's own target poller, which first
//                                fires 10 s after the sampler starts; "now": ask for targets at once
//                                through the SDK's own service connector, as its poller would
//   PROGRAM_STREAMING_THRESHOLD  optional; passed to AWSXRay.setStreamingThreshold (0 makes the SDK
//                                stream each closed subsegment as its own datagram)
//   PROGRAM_RULES_WAIT_MS        how long to wait for the first GetSamplingRules answer (default 5000)
//
// What it does: starts the SDK's centralized sampler (its rule poller POSTs /GetSamplingRules to the
// TCP address), serves one request to itself on a loopback port through the SDK's own middleware
// (AWSXRay.middleware.traceRequestResponseCycle), so the SDK makes the sampling decision with the
// fetched rules and records the incoming http request/response on a segment named "node-checkout".
// Inside that segment: annotations (string, number, boolean), metadata (default and "checkout"
// namespaces, nested objects), a user, nested subsegments process-order > validate-cart (an Error
// recorded with addError) and process-order > reserve-inventory > <host> (a "remote" subsegment made
// by captureHTTPsGlobal for the POST to PROGRAM_HTTP_URL). Then the SDK reports its rule statistics
// to /SamplingTargets and loads the answer into its rule cache.
//
// The last line of stdout is one JSON object with what the program observed (see `report` below).
// Exit code 0 when the scenario ran; 1 when something it checks itself went wrong ("errors" says
// what); 2 when the environment is incomplete.

const http = require('http');

const daemonAddress = process.env.AWS_XRAY_DAEMON_ADDRESS;
const targetUrl = process.env.PROGRAM_HTTP_URL;
if (!daemonAddress || !targetUrl) {
  process.stderr.write('program.js needs AWS_XRAY_DAEMON_ADDRESS and PROGRAM_HTTP_URL in its environment\n');
  process.exit(2);
}
const targetsMode = (process.env.PROGRAM_SAMPLING_TARGETS || 'poller').toLowerCase();
const rulesWaitMs = parseInt(process.env.PROGRAM_RULES_WAIT_MS || '5000', 10);

const AWSXRay = require('aws-xray-sdk-core');
const sdkPackage = require('aws-xray-sdk-core/package.json');
// The SDK's client for the daemon's sampling API (the module its pollers use); the program reads its
// clientId, and in "now" mode asks it for targets.
const serviceConnector = require('aws-xray-sdk-core/dist/lib/middleware/sampling/service_connector');

const report = {
  sdk: sdkPackage.name,
  sdkVersion: sdkPackage.version,
  runtime: 'node ' + process.version,
  daemonAddress: daemonAddress,
  segmentName: 'node-checkout',
  traceId: null,
  segmentId: null,
  sampled: null,
  matchedRule: null,
  rulesFetched: false,
  rulesLoads: 0,
  ruleNames: [],
  targetsMode: targetsMode,
  targetsFetched: false,
  targetsLoads: 0,
  targets: {},
  clientId: serviceConnector.clientId,
  remoteStatus: null,
  checkoutStatus: null,
  sent: [],
  warnings: [],
  errors: [],
};

// The SDK logs through a replaceable logger; its emitter logs "Segment sent: ..." or
// "Subsegment sent: ..." (debug) once a datagram has left the socket, which tells the program when
// it may exit. Warnings and errors go to stderr as well.
AWSXRay.setLogger({
  debug: (message) => observeLog('debug', message),
  info: (message) => observeLog('info', message),
  warn: (message, meta) => observeLog('warn', message, meta),
  error: (message, meta) => observeLog('error', message, meta),
});

function observeLog(level, message, meta) {
  const text = String(message) + (meta ? ' ' + String(meta) : '');
  if (level === 'debug') {
    const sent = /^(Segment|Subsegment) sent: .*"id":"([0-9a-f]+)"/.exec(text);
    if (sent) {
      report.sent.push(sent[1].toLowerCase() + ' ' + sent[2]);
    }
    return;
  }
  if (level === 'warn' || level === 'error') {
    report.warnings.push(level + ': ' + text);
    process.stderr.write('[xray ' + level + '] ' + text + '\n');
  }
}

if (process.env.PROGRAM_STREAMING_THRESHOLD) {
  AWSXRay.setStreamingThreshold(parseInt(process.env.PROGRAM_STREAMING_THRESHOLD, 10));
}

// Keep the unpatched request function for the program's own call to its own server: that call is
// the "incoming request" of the scenario, not something the segment should record.
const plainRequest = http.request;
AWSXRay.captureHTTPsGlobal(http);
AWSXRay.middleware.setDefaultName('node-checkout');

// The centralized sampler. Its rule cache is the object the SDK's pollers fill; wrapping its two
// load methods lets the program see each load without changing what they do.
const sampler = AWSXRay.middleware.sampler;
const ruleCache = sampler.ruleCache;
if (!ruleCache || typeof sampler.start !== 'function') {
  fail('this SDK version has no centralized sampler at AWSXRay.middleware.sampler');
  process.stdout.write(JSON.stringify(report) + '\n');
  process.exit(1);
}
const originalLoadRules = ruleCache.loadRules;
ruleCache.loadRules = function observedLoadRules(rules) {
  report.rulesLoads++;
  return originalLoadRules.apply(this, arguments);
};
const originalLoadTargets = ruleCache.loadTargets;
ruleCache.loadTargets = function observedLoadTargets(mapping) {
  report.targetsLoads++;
  return originalLoadTargets.apply(this, arguments);
};

class CartValidationError extends Error {
  constructor(message) {
    super(message);
    this.name = 'CartValidationError';
  }
}

let checkoutSegment = null;

function handleCheckout(req, res, segment) {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    const cart = JSON.parse(body || '{}');
    segment.setUser('customer-42');
    segment.addAnnotation('customer_tier', 'gold');
    segment.addAnnotation('cart_items', cart.lines ? cart.lines.length : 0);
    segment.addAnnotation('order_total', 59.97);
    segment.addAnnotation('express_shipping', true);
    segment.addMetadata('order', {
      id: 'ord-1001',
      lines: cart.lines || [],
      shipping: { method: 'express', address: { city: 'Lisbon', country: 'PT' } },
    });
    segment.addMetadata('build', { commit: '4f2a9c1', flags: { newPricing: true, retries: 2 } }, 'checkout');

    AWSXRay.captureAsyncFunc('process-order', (processOrder) => {
      processOrder.addAnnotation('step', 'process');
      processOrder.addMetadata('attempt', 1);

      AWSXRay.captureFunc('validate-cart', (validate) => {
        validate.addAnnotation('coupon_valid', false);
        validate.addMetadata('rejected_coupon', { code: 'SPRING24', reason: 'expired' }, 'checkout');
        try {
          rejectCoupon('SPRING24');
        } catch (err) {
          validate.addError(err);
        }
      });

      AWSXRay.captureAsyncFunc('reserve-inventory', (reserve) => {
        reserve.addAnnotation('warehouse', 'eu-west');
        const payload = JSON.stringify({ sku: 'sku-123', quantity: 2 });
        const outgoing = http.request(targetUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        }, (remote) => {
          let answer = '';
          remote.on('data', (chunk) => { answer += chunk; });
          remote.on('end', () => {
            report.remoteStatus = remote.statusCode;
            reserve.close();
            processOrder.close();
            respond(res, 200, { order: 'ord-1001', status: 'accepted', inventory: answer });
          });
        });
        outgoing.on('error', (err) => {
          fail('the call to PROGRAM_HTTP_URL failed: ' + err.message);
          reserve.close(err);
          processOrder.close();
          respond(res, 502, { order: 'ord-1001', status: 'failed' });
        });
        outgoing.end(payload);
      });
    });
  });
}

function rejectCoupon(code) {
  throw new CartValidationError('coupon ' + code + ' expired for sku-456');
}

function respond(res, status, json) {
  const text = JSON.stringify(json);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const server = http.createServer((req, res) => {
  // What the SDK's framework middlewares do around a handler: the SDK makes the segment (and the
  // sampling decision) from the request, and the handler runs in that segment's context.
  const segment = AWSXRay.middleware.traceRequestResponseCycle(req, res);
  checkoutSegment = segment;
  const namespace = AWSXRay.getNamespace();
  namespace.bindEmitter(req);
  namespace.bindEmitter(res);
  namespace.run(() => {
    AWSXRay.setSegment(segment);
    handleCheckout(req, res, segment);
  });
});

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(condition, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() >= deadline) {
      return false;
    }
    await sleep(20);
  }
  return true;
}

function callCheckout(port) {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify({ lines: [
      { sku: 'sku-123', quantity: 2, price: 19.99 },
      { sku: 'sku-456', quantity: 1, price: 19.99 },
      { sku: 'sku-789', quantity: 1, price: 0 },
    ] });
    const req = plainRequest({
      host: '127.0.0.1',
      port: port,
      method: 'POST',
      path: '/checkout?cart=c-77',
      agent: false,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
        'user-agent': 'checkout-client/1.0',
      },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function fail(message) {
  report.errors.push(message);
}

function describeRules() {
  report.ruleNames = ruleCache.getRules().map((rule) => rule.getName());
}

function describeTargets() {
  const targets = {};
  ruleCache.getRules().forEach((rule) => {
    const reservoir = rule.getReservoir();
    if (reservoir.quota !== null || reservoir.TTL !== null) {
      targets[rule.getName()] = {
        rate: rule.getRate(),
        quota: reservoir.quota,
        quotaTtl: reservoir.TTL,
        reportInterval: reservoir.reportInterval,
      };
    }
  });
  report.targets = targets;
}

function askTargetsNow() {
  // The same choice of rules as the SDK's target poller: those matched since the last report.
  const candidates = ruleCache.getRules().filter((rule) => rule.everMatched() && rule.timeToReport());
  if (candidates.length === 0) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    serviceConnector.fetchTargets(candidates, (err, mapping) => {
      if (err) {
        report.warnings.push('SamplingTargets: ' + err.message);
      } else {
        ruleCache.loadTargets(mapping);
      }
      resolve();
    });
  });
}

let finished = false;
function finish() {
  if (finished) {
    return;
  }
  finished = true;
  if (checkoutSegment) {
    report.traceId = checkoutSegment.trace_id;
    report.segmentId = checkoutSegment.id;
    report.sampled = checkoutSegment.notTraced !== true;
    report.matchedRule = (checkoutSegment.aws && checkoutSegment.aws.xray && checkoutSegment.aws.xray.rule_name) || null;
  }
  describeRules();
  describeTargets();
  report.rulesFetched = report.rulesLoads > 0 && ruleCache.getLastUpdated() !== null;
  report.targetsFetched = report.targetsLoads > 0;
  process.exitCode = report.errors.length === 0 ? 0 : 1;
  process.stdout.write(JSON.stringify(report) + '\n');
  server.close();
  if (typeof server.closeAllConnections === 'function') {
    server.closeAllConnections();
  }
  http.globalAgent.destroy();
  // Everything the program started is closed or unref'd, so the process ends by itself; this only
  // guards against a handle that would keep it alive.
  setTimeout(() => process.exit(), 2000).unref();
}

const watchdog = setTimeout(() => {
  fail('the program did not finish within 45 s');
  finish();
}, 45000);

async function main() {
  sampler.start();
  if (!(await waitFor(() => ruleCache.getLastUpdated() !== null, rulesWaitMs))) {
    report.warnings.push('no sampling rules loaded within ' + rulesWaitMs + ' ms; the SDK falls back to its local rules');
  }
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  report.checkoutStatus = await callCheckout(server.address().port);
  if (report.checkoutStatus !== 200) {
    fail('the checkout request answered ' + report.checkoutStatus);
  }
  if (checkoutSegment && checkoutSegment.notTraced !== true) {
    const sent = await waitFor(() => report.sent.indexOf('segment ' + checkoutSegment.id) >= 0, 5000);
    if (!sent) {
      fail('the SDK did not report the segment as sent within 5 s');
    }
  }
  if (report.rulesLoads > 0) {
    if (targetsMode === 'now') {
      await askTargetsNow();
    } else {
      // The SDK's target poller runs every 10 s (plus a jitter under 1 ms) from sampler.start().
      await waitFor(() => report.targetsLoads > 0, 15000);
    }
  }
  clearTimeout(watchdog);
  finish();
}

main().catch((err) => {
  fail('unexpected: ' + (err && err.stack ? err.stack : err));
  clearTimeout(watchdog);
  finish();
});
