// Tessera's private test kit: what more than one package's browser tests use. The fake field page's server side
// is `@tessera/testing/vite` (Node); everything here runs in the tests page.
export {
  FAKE_FRAME_HEIGHT,
  FAKE_FRAME_KEYS,
  FAKE_INCOMPLETE,
  FAKE_TITLE,
  FAKE_TOKEN,
  FAKE_WARNING,
  type FakeFrameEcho,
  isFakeFrameEcho,
  SLOW_REPLY_MS,
} from './fake-field-page/behaviour';
export { type EchoRecording, nextEcho, recordEchoes } from './fake-field-page/echoes';
export { crossOriginEdge, sameOriginEdge } from './origins';
export { sleep } from './sleep';
