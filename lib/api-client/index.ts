// The browser's API client: typed calls whose answers are checked (zod) before use, and the
// live run stream. Browser-safe: imports lib/domain only.
export { api, type Credentials, type FindingStatusChange, type HostBody, type RunBody, type ScheduleBody } from "./endpoints";
export { openLiveRun, parseLiveEvent } from "./live-run";
export { request, type ApiError, type ApiResult, type Method } from "./request";
