"""Tests of the Plumbline client.

`AgainstServer` talks to a real Plumbline server: set PLUMBLINE_URL and PLUMBLINE_KEY (a key with
the ingest, registry:write and read scopes, such as the demo key). The integration suite runs it
against its servers on both engines (test/integration/python-client.test.ts).

`RetriesAndBatches` checks what a real server cannot be made to do on cue (answer 429 or 503, then
succeed) against a scripted HTTP server in this process.

    cd clients/python && PLUMBLINE_URL=http://localhost:3000 PLUMBLINE_KEY=plb_demo_key_0123456789abcdef python3 -m unittest
"""

import datetime as dt
import http.server
import json
import os
import threading
import time
import unittest
import urllib.parse

from plumbline import MAX_BATCH, Plumbline, PlumblineError

URL = os.environ.get("PLUMBLINE_URL")
KEY = os.environ.get("PLUMBLINE_KEY")
HOUR = dt.datetime(2026, 11, 20, 10, tzinfo=dt.timezone.utc)


class FakeScalar:
    """Stands in for a NumPy scalar: JSON cannot encode it until `.item()` is called."""

    def __init__(self, value):
        self.value = value

    def item(self):
        return self.value


class FakeDataFrame:
    """The part of a pandas DataFrame the client uses: `columns` and `to_dict(orient="records")`."""

    def __init__(self, rows):
        self.rows = rows
        self.columns = list(rows[0])

    def to_dict(self, orient):
        assert orient == "records"
        return [dict(r) for r in self.rows]


@unittest.skipUnless(URL and KEY, "set PLUMBLINE_URL and PLUMBLINE_KEY to run against a server")
class AgainstServer(unittest.TestCase):
    def setUp(self):
        self.client = Plumbline(URL, KEY)
        self.model = f"py-client-{time.time_ns()}"
        self.client.request("POST", "/api/v1/models", {"name": self.model, "task": "binary_classification"})
        self.client.request("POST", f"/api/v1/models/{self.model}/versions", {"version": "v1"})

    def quality(self, metric="accuracy"):
        query = urllib.parse.urlencode(
            {"metric": metric, "bucket": "hour", "version": "v1", "from": "2026-11-20T00:00:00Z", "to": "2026-11-21T00:00:00Z"}
        )
        answer = self.client.request("GET", f"/api/v1/models/{self.model}/quality?{query}")
        return answer["series"][0]["points"][0]

    def test_predictions_then_late_labels_in_batches(self):
        client = Plumbline(URL, KEY, batch_size=100)
        records = [
            {"id": f"p{i}", "ts": HOUR + dt.timedelta(seconds=i), "prediction": i % 2, "score": 0.8 if i % 2 else 0.2}
            for i in range(250)
        ]
        self.assertEqual(client.log_predictions(self.model, "v1", records), {"accepted": 250})
        # Every third prediction was wrong.
        labels = {f"p{i}": (1 - i % 2) if i % 3 == 0 else i % 2 for i in range(250)}
        self.assertEqual(client.log_labels(self.model, labels), {"accepted": 250, "matched": 250})
        point = self.quality()
        self.assertEqual((point["n"], point["n_labeled"]), (250, 250))
        self.assertAlmostEqual(point["realized"], 1 - 84 / 250, places=12)
        # Sending the same predictions again stores nothing new.
        self.assertEqual(client.log_predictions(self.model, "v1", records), {"accepted": 250})
        self.assertEqual(self.quality()["n"], 250)

    def test_dataframes_with_numpy_scalars_and_missing_scores(self):
        frame = FakeDataFrame(
            [
                {"id": "d1", "ts": HOUR, "prediction": FakeScalar(1), "score": FakeScalar(0.9), "amount": FakeScalar(12.5)},
                {"id": "d2", "ts": HOUR, "prediction": FakeScalar(0), "score": float("nan"), "amount": float("nan")},
            ]
        )
        self.assertEqual(self.client.log_predictions(self.model, "v1", frame), {"accepted": 2})
        labels = FakeDataFrame([{"id": "d1", "label": FakeScalar(1)}, {"id": "d2", "label": FakeScalar(1)}])
        self.assertEqual(self.client.log_labels(self.model, labels), {"accepted": 2, "matched": 2})
        self.assertEqual(self.quality()["realized"], 0.5)

    def test_errors_carry_the_contract_error_body(self):
        with self.assertRaises(PlumblineError) as caught:
            self.client.log_predictions(self.model, "v1", [{"id": "bad", "ts": HOUR, "prediction": 1, "score": 1.5}])
        error = caught.exception
        self.assertEqual((error.status, error.code), (422, "validation_failed"))
        self.assertEqual([d["path"] for d in error.details], ["records[0].score"])
        self.assertIn("records[0].score", str(error))
        with self.assertRaises(PlumblineError) as unauthorized:
            Plumbline(URL, "plb_not_a_key").log_labels(self.model, {"x": 1})
        self.assertEqual(unauthorized.exception.status, 401)

    def test_reference_with_outputs_and_metrics(self):
        reference = FakeDataFrame([{"amount": i, "prediction": i % 2, "score": i / 150, "label": i % 2} for i in range(150)])
        answer = self.client.upload_reference(self.model, "v1", reference)
        self.assertEqual(answer["records"], 150)
        self.assertEqual(self.client.log_metrics(self.model, "v1", {"latency_p95_ms": 41.5, "error_rate": 0.01}, ts=HOUR), {"accepted": 2})
        query = urllib.parse.urlencode({"metric": "latency_p95_ms", "from": "2026-11-20T09:00:00Z", "to": "2026-11-20T11:00:00Z"})
        series = self.client.request("GET", f"/api/v1/models/{self.model}/metrics?{query}")["series"]
        self.assertEqual(series[0]["points"][0]["max"], 41.5)


class ScriptedHandler(http.server.BaseHTTPRequestHandler):
    """Answers each request with the next scripted (status, headers, body) and records it."""

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length))
        self.server.seen.append({"key": self.headers.get("Idempotency-Key"), "body": body})
        status, headers, answer = self.server.script.pop(0) if self.server.script else (202, {}, {"accepted": len(body.get("records", body.get("points", [])))})
        payload = json.dumps(answer).encode()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


class RetriesAndBatches(unittest.TestCase):
    def setUp(self):
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ScriptedHandler)
        self.server.script = []
        self.server.seen = []
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.sleeps = []
        self.client = Plumbline(f"http://127.0.0.1:{self.server.server_port}", "plb_test", backoff=0.5, sleep=self.sleeps.append)

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()

    def test_retries_429_and_5xx_with_the_same_idempotency_key_honouring_retry_after(self):
        limited = {"error": {"code": "rate_limited", "message": "slow down"}}
        self.server.script = [(429, {"Retry-After": "7"}, limited), (503, {}, {"error": {"code": "unavailable", "message": "later"}})]
        self.assertEqual(self.client.log_labels("m", {"a": 1}), {"accepted": 1})
        self.assertEqual(len(self.server.seen), 3)
        self.assertEqual(len({s["key"] for s in self.server.seen}), 1)
        self.assertIsNotNone(self.server.seen[0]["key"])
        self.assertEqual(self.sleeps[0], 7.0)
        # No Retry-After: exponential backoff with jitter, between half and all of backoff · 2^attempt.
        self.assertTrue(0.5 <= self.sleeps[1] <= 1.0, self.sleeps)

    def test_does_not_retry_a_refusal_and_gives_up_after_max_retries(self):
        self.server.script = [(409, {}, {"error": {"code": "conflict", "message": "known id", "details": [{"path": "records[0].id", "message": "r2"}]}})]
        with self.assertRaises(PlumblineError) as caught:
            self.client.log_labels("m", {"a": 1})
        self.assertEqual((caught.exception.status, caught.exception.details[0]["path"]), (409, "records[0].id"))
        self.assertEqual(len(self.server.seen), 1)

        self.server.seen.clear()
        self.server.script = [(503, {"Retry-After": "0"}, {"error": {"code": "unavailable", "message": "down"}})] * 6
        with self.assertRaises(PlumblineError) as exhausted:
            self.client.log_labels("m", {"a": 1})
        self.assertEqual(exhausted.exception.status, 503)
        self.assertEqual(len(self.server.seen), 6)

    def test_batches_of_at_most_10000_each_with_its_own_key(self):
        labels = {f"id-{i}": i % 2 for i in range(25_000)}
        self.assertEqual(self.client.log_labels("m", labels), {"accepted": 25_000})
        self.assertEqual([len(s["body"]["records"]) for s in self.server.seen], [MAX_BATCH, MAX_BATCH, 5_000])
        self.assertEqual(len({s["key"] for s in self.server.seen}), 3)
        with self.assertRaises(ValueError):
            Plumbline("http://x", "k", batch_size=MAX_BATCH + 1)

    def test_unreachable_server(self):
        client = Plumbline("http://127.0.0.1:9", "k", max_retries=1, sleep=self.sleeps.append)
        with self.assertRaises(PlumblineError) as caught:
            client.log_labels("m", {"a": 1})
        self.assertIsNone(caught.exception.status)
        self.assertEqual(len(self.sleeps), 1)


if __name__ == "__main__":
    unittest.main()
