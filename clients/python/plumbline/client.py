"""The Plumbline HTTP client: metrics, predictions, labels and reference samples.

Standard library only. Every write is sent in batches of at most 10,000 records, each with its own
Idempotency-Key, so a retried batch is stored once. Requests that fail with 429 or a 5xx status
(or do not reach the server) are retried with exponential backoff, honouring Retry-After.
"""

from __future__ import annotations

import datetime as _dt
import email.utils
import json
import math
import random
import time
import urllib.error
import urllib.request
import uuid
from typing import Any, Callable, Iterable, Iterator, Mapping

MAX_BATCH = 10_000
RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})
# Columns of a DataFrame that are not features.
_PREDICTION_COLUMNS = ("id", "ts", "prediction", "score")
_REFERENCE_COLUMNS = ("prediction", "score", "label")


class PlumblineError(Exception):
    """An error answer from Plumbline, with the contract's error body.

    `status` is the HTTP status (None when the server could not be reached), `code` and `message`
    come from `{"error": {"code", "message", "details"}}`, and `details` lists the fields at fault
    as `{"path": "records[3].score", "message": "..."}`.
    """

    def __init__(self, status: int | None, code: str, message: str, details: list[dict[str, str]] | None = None, body: Any = None):
        self.status = status
        self.code = code
        self.message = message
        self.details = details or []
        self.body = body
        fields = "; ".join(f"{d.get('path')}: {d.get('message')}" for d in self.details)
        super().__init__(f"{status or 'no answer'} {code}: {message}" + (f" ({fields})" if fields else ""))


def _timestamp(value: Any) -> str:
    """RFC 3339 in UTC. Naive datetimes are taken as UTC; strings are passed through."""
    if isinstance(value, str):
        return value
    if hasattr(value, "to_pydatetime"):  # pandas.Timestamp
        value = value.to_pydatetime()
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=_dt.timezone.utc)
        return value.astimezone(_dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    raise TypeError(f"a timestamp must be a datetime or an RFC 3339 string, not {type(value).__name__}")


def _plain(value: Any) -> Any:
    """JSON-ready values: NumPy scalars become Python numbers, NaN becomes null, times become RFC 3339."""
    if hasattr(value, "item") and not isinstance(value, (list, dict, str, bytes)):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (_dt.datetime,)) or hasattr(value, "to_pydatetime"):
        return _timestamp(value)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _rows(records: Any) -> Iterable[Mapping[str, Any]]:
    """Dicts from an iterable of dicts or from a pandas DataFrame (one dict per row)."""
    if hasattr(records, "to_dict") and hasattr(records, "columns"):
        return records.to_dict(orient="records")
    return records


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _without_missing(record: Mapping[str, Any]) -> dict[str, Any]:
    """Optional fields left out rather than sent as null (a DataFrame's empty score is NaN)."""
    return {k: v for k, v in record.items() if not _missing(v)}


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class Plumbline:
    """A client for one Plumbline server and API key.

    >>> client = Plumbline("http://localhost:3000", "plb_demo_key_0123456789abcdef")
    >>> client.log_predictions("fraud-detector", "v3", [{"id": "tx-1", "ts": datetime.now(timezone.utc), "prediction": 1, "score": 0.93}])
    {'accepted': 1}
    """

    def __init__(
        self,
        url: str,
        key: str,
        *,
        timeout: float = 30.0,
        max_retries: int = 5,
        backoff: float = 0.5,
        batch_size: int = MAX_BATCH,
        sleep: Callable[[float], None] = time.sleep,
    ):
        if not 1 <= batch_size <= MAX_BATCH:
            raise ValueError(f"batch_size must be between 1 and {MAX_BATCH}")
        self.url = url.rstrip("/")
        self.key = key
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.batch_size = batch_size
        self._sleep = sleep

    # --- writes ---------------------------------------------------------------------------

    def log_metrics(self, model: str, version: str, metrics: Mapping[str, float] | Iterable[Mapping[str, Any]], *, ts: Any = None, labels: Mapping[str, str] | None = None) -> dict[str, int]:
        """Metric points for a model version.

        `metrics` is either `{"latency_p95_ms": 41.5, ...}` (one point per metric at `ts`, default
        now) or an iterable of `{"metric", "value", "ts"?, "labels"?}`.
        """
        when = _timestamp(ts if ts is not None else _dt.datetime.now(_dt.timezone.utc))
        if isinstance(metrics, Mapping):
            items: Iterable[Mapping[str, Any]] = [{"metric": name, "value": value} for name, value in metrics.items()]
        else:
            items = metrics

        def point(item: Mapping[str, Any]) -> dict[str, Any]:
            out = {"model": model, "version": version, "metric": item["metric"], "value": item["value"], "ts": _timestamp(item.get("ts", when))}
            point_labels = item.get("labels", labels)
            if point_labels:
                out["labels"] = dict(point_labels)
            return out

        return self._send_batches("/api/v1/ingest/metrics", (point(i) for i in items), lambda batch: {"points": batch})

    def log_predictions(self, model: str, version: str, records: Any) -> dict[str, int]:
        """Predictions: dicts `{"id", "ts", "prediction", "score"?, "features"?}`, or a pandas
        DataFrame with columns `id`, `ts`, `prediction`, optionally `score`, and any other column
        as a feature. Ids are unique per model: sending a prediction again is safe."""
        def record(row: Mapping[str, Any]) -> dict[str, Any]:
            if "features" in row or not hasattr(records, "columns"):
                return _without_missing({k: row.get(k) for k in (*_PREDICTION_COLUMNS, "features")})
            out = _without_missing({k: row.get(k) for k in _PREDICTION_COLUMNS})
            out["features"] = {k: v for k, v in row.items() if k not in _PREDICTION_COLUMNS}
            return out

        return self._send_batches(
            "/api/v1/ingest/predictions",
            (record(r) for r in _rows(records)),
            lambda batch: {"model": model, "version": version, "records": batch},
        )

    def log_labels(self, model: str, records: Any) -> dict[str, int]:
        """Ground truth, whenever it arrives: dicts `{"id", "label"}`, a mapping `{id: label}`, or a
        DataFrame with columns `id` and `label`. A later label for an id replaces the earlier."""
        if isinstance(records, Mapping):
            rows: Iterable[Mapping[str, Any]] = [{"id": k, "label": v} for k, v in records.items()]
        else:
            rows = _rows(records)
        return self._send_batches("/api/v1/ingest/labels", ({"id": r["id"], "label": r["label"]} for r in rows), lambda batch: {"model": model, "records": batch})

    def upload_reference(self, model: str, version: str, records: Any) -> dict[str, Any]:
        """The version's reference sample (its training-time data), replacing any earlier one, in
        one request: dicts `{"features", "prediction"?, "score"?, "label"?}` or a DataFrame whose
        `prediction`, `score` and `label` columns are outputs and every other column a feature.
        Scores with labels calibrate the quality estimates made before labels arrive."""
        def record(row: Mapping[str, Any]) -> dict[str, Any]:
            if "features" in row or not hasattr(records, "columns"):
                return _without_missing({k: row.get(k) for k in ("features", *_REFERENCE_COLUMNS)})
            out = _without_missing({k: row.get(k) for k in _REFERENCE_COLUMNS})
            out["features"] = {k: v for k, v in row.items() if k not in _REFERENCE_COLUMNS}
            return out

        body = {"records": [record(r) for r in _rows(records)]}
        return self.request("POST", f"/api/v1/models/{model}/versions/{version}/reference", body)

    # --- transport ------------------------------------------------------------------------

    def _send_batches(self, path: str, items: Iterable[Any], body_of: Callable[[list[Any]], dict[str, Any]]) -> dict[str, int]:
        totals: dict[str, int] = {}
        for batch in _batches(items, self.batch_size):
            answer = self.request("POST", path, body_of(batch), idempotency_key=str(uuid.uuid4()))
            for name, value in answer.items():
                totals[name] = totals.get(name, 0) + value
        return totals

    def request(self, method: str, path: str, body: Any = None, *, idempotency_key: str | None = None) -> Any:
        """One API call, retried on 429, 5xx and network failures (with the same Idempotency-Key)."""
        data = None if body is None else json.dumps(_plain(body), allow_nan=False).encode("utf-8")
        headers = {"Authorization": f"Bearer {self.key}", "Accept": "application/json"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        attempt = 0
        while True:
            try:
                req = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
                with urllib.request.urlopen(req, timeout=self.timeout) as res:
                    text = res.read().decode("utf-8")
                    return json.loads(text) if text else None
            except urllib.error.HTTPError as error:
                failure = self._error_of(error)
                if error.code not in RETRYABLE_STATUSES or attempt >= self.max_retries:
                    raise failure from None
                delay = self._retry_after(error.headers.get("Retry-After"), attempt)
            except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
                if attempt >= self.max_retries:
                    reason = getattr(error, "reason", error)
                    raise PlumblineError(None, "unreachable", f"{method} {self.url}{path} failed: {reason}") from None
                delay = self._retry_after(None, attempt)
            attempt += 1
            self._sleep(delay)

    def _retry_after(self, header: str | None, attempt: int) -> float:
        """Seconds to wait: the server's Retry-After (seconds or an HTTP date), else exponential backoff with jitter."""
        if header:
            try:
                return max(0.0, float(header))
            except ValueError:
                when = email.utils.parsedate_to_datetime(header)
                return max(0.0, (when - _dt.datetime.now(_dt.timezone.utc)).total_seconds())
        return self.backoff * (2**attempt) * (0.5 + random.random() / 2)

    @staticmethod
    def _error_of(error: urllib.error.HTTPError) -> PlumblineError:
        raw = error.read().decode("utf-8", errors="replace")
        try:
            body = json.loads(raw)
            detail = body["error"]
            return PlumblineError(error.code, detail.get("code", "error"), detail.get("message", raw), detail.get("details"), body)
        except (ValueError, KeyError, TypeError, AttributeError):
            return PlumblineError(error.code, "error", raw or str(error.reason), None, raw)
