"""The hub's HTTP client (httpx): one method per endpoint, every failure a SyncError whose
message tells a receptionist what happened and what to do, in their language.

TLS: with `ca_file` the hub's certificate is verified against that CA (a site's own CA);
without it, against the system's store.
"""

from __future__ import annotations

import ssl
from pathlib import Path

import httpx

from frontdesk.domain.checksum import Checksum
from frontdesk.domain.errors import SyncError
from frontdesk.i18n import _


class HubRefused(SyncError):
    """The hub does not accept this desk's token."""


class SchemaNotAccepted(SyncError):
    """The hub does not accept this desk's database version."""


class DemoRefused(SyncError):
    """The hub serves real data and refuses a demo database."""


class SeriesAlreadyUsed(SyncError):
    """The hub has seen this desk's number series used by another of its databases (a restore)."""

    def __init__(self, message: str, *, series: str, next_free: str) -> None:
        super().__init__(message)
        self.series, self.next_free = series, next_free


class HubClient:
    def __init__(self, url: str, token: str, *, ca_file: str | Path | None = None, timeout: float = 30.0,
                 transport: httpx.BaseTransport | None = None) -> None:
        if not url or not url.startswith(("http://", "https://")):
            raise SyncError(_("Set the hub's address (it starts with https://) in the settings of this desk."))
        if not token:
            raise SyncError(_("This desk has no hub token. Ask the hub's administrator to register the desk."))
        self.url = url.rstrip("/")
        verify: ssl.SSLContext | bool = True
        if ca_file:
            if not Path(ca_file).is_file():
                raise SyncError(_("The hub's certificate authority file {path} does not exist.").format(path=ca_file))
            verify = ssl.create_default_context(cafile=str(ca_file))
        self._http = httpx.Client(base_url=self.url, headers={"Authorization": f"Bearer {token}"},
                                  timeout=timeout, verify=verify, transport=transport)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> HubClient:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def _post(self, path: str, body: dict[str, object]) -> dict:
        return self._call("POST", path, body)

    def _call(self, method: str, path: str, body: dict[str, object] | None = None) -> dict:
        try:
            response = self._http.request(method, path, json=body)
        except httpx.ConnectError as exc:
            if isinstance(exc.__cause__, ssl.SSLError) or "CERTIFICATE" in str(exc).upper():
                raise SyncError(_("The hub's certificate could not be verified, so nothing was sent. Check the "
                                  "hub's address and its certificate authority file.")) from exc
            raise SyncError(_("The sync hub at {url} does not answer. Check the network and try again later; "
                              "nothing was changed.").format(url=self.url)) from exc
        except httpx.TimeoutException as exc:
            raise SyncError(_("The sync hub at {url} is too slow to answer. Try again later; nothing is lost: "
                              "what was not sent is sent next time.").format(url=self.url)) from exc
        except httpx.HTTPError as exc:
            raise SyncError(_("The connection to the sync hub broke. Try again later; nothing is lost: what was "
                              "not sent is sent next time.")) from exc
        if response.status_code == 401:
            raise HubRefused(_("The hub refused this desk's token: it was revoked or is not valid. Ask the "
                               "hub's administrator for a new token; nothing was changed."))
        if response.status_code == 409 and _code(response) == "series_already_used":
            detail = response.json()["detail"]
            raise SeriesAlreadyUsed(_("The hub has already seen the number series {series} of this desk, used "
                                      "before this desk was restored from a backup. Sync again: the desk then "
                                      "takes a new series; nothing was sent.").format(series=detail.get("series")),
                                    series=str(detail.get("series", "")), next_free=str(detail.get("next", "")))
        if response.status_code == 409:
            raise SchemaNotAccepted(_("The hub does not accept this version of the app. Update the app on this "
                                      "desk; the changes waiting here are kept and sent after the update."))
        if response.status_code == 403 and _code(response) == "demo_not_accepted":
            raise DemoRefused(_("This is a demo database and the hub holds the Point's real data, so it refuses "
                                "it. Sync a demo only with a hub started for trials (frontdesk-hub serve --demo); "
                                "nothing was changed."))
        if response.status_code >= 400:
            raise SyncError(_("The sync hub answered with an error ({status}). Try again later; nothing is "
                              "lost.").format(status=response.status_code))
        try:
            return response.json()
        except ValueError as exc:
            raise SyncError(_("The sync hub's answer could not be read. Check the hub's address.")) from exc

    def handshake(self, *, schema_version: str, desk_time: str, is_demo: bool = False, epoch: str | None = None,
                  epoch_id: str | None = None, used: list[str] | None = None) -> dict:
        """`epoch` (the series pushed under), `epoch_id` and `used` let the hub check the series
        (raises SeriesAlreadyUsed when another database of this desk used it)."""
        body: dict[str, object] = {"schema_version": schema_version, "desk_time": desk_time, "is_demo": is_demo}
        if epoch and epoch_id:
            body.update(epoch=epoch, epoch_id=epoch_id, used=sorted(used or ()))
        return self._post("/v1/handshake", body)

    def new_series(self, *, epoch_id: str, used: list[str]) -> str:
        """A new number series for this desk from the hub, above every one it and `used` know."""
        return str(self._post("/v1/series", {"epoch_id": epoch_id, "used": sorted(used)})["series"])

    def push(self, *, schema_version: str, epoch: str, ops: list[dict[str, object]]) -> list[dict]:
        return self._post("/v1/push", {"schema_version": schema_version, "epoch": epoch, "ops": ops})["results"]

    def pull(self, *, cursor: dict[str, object], limit: int, table: str | None = None) -> dict:
        """A page of the hub's log after `cursor` (with `table`: of that table's rows only)."""
        body: dict[str, object] = {"cursor": cursor, "limit": limit}
        if table is not None:
            body["table"] = table
        return self._post("/v1/pull", body)

    def keys(self, *, keys: dict[str, str]) -> dict:
        """Hand over badge keys (id -> base64); the answer holds the site's ring and the ids refused."""
        return self._post("/v1/keys", {"keys": keys})

    def checksums(self) -> tuple[dict[str, Checksum], frozenset[str]]:
        """Rows and checksum of each synced table at the hub, and the tables whose changes cannot
        all be pulled yet (no verdict on them now)."""
        answer = self._call("GET", "/v1/counts")
        try:
            return ({table: Checksum.from_text(value) for table, value in answer["checksums"].items()},
                    frozenset(str(t) for t in answer.get("pending", [])))
        except (KeyError, ValueError, AttributeError, TypeError) as exc:
            raise SyncError(_("The sync hub's answer could not be read. Check the hub's address.")) from exc


def _code(response: httpx.Response) -> str:
    """The error code the hub puts in `detail` ('' when there is none)."""
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        return ""
    return str(detail.get("code", "")) if isinstance(detail, dict) else ""
