// The browser's API client: typed calls whose answers are checked (zod) before use, and the
// live run stream. Browser-safe: imports lib/domain only.
export {
  api,
  type ChannelBody,
  type Credentials,
  type FindingStatusChange,
  type HostBody,
  type PasswordChange,
  type RunBody,
  type ScheduleBody,
  type SetupBody,
  type TokenExpiryDays,
} from "./endpoints";
export { openLiveRun, parseLiveEvent } from "./live-run";
export { request, type ApiError, type ApiResult, type Method } from "./request";
