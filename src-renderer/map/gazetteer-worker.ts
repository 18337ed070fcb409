// The shipped gazetteer read, checked and its names normalised in a worker (~0.5 s of one task in
// the page while a crisis opened, at 100k sightings on a loaded machine): the page gets columns
// (core/gazetteer-columns.ts). The file is imported statically, so Vite bundles it into this
// worker's own file (no fetch: the same under app:// and http://).
import raw from '../../resources/gazetteer/communes.json';
import { columnBuffers, toColumns } from '../core/gazetteer-columns';
import { parseGazetteer } from '../core/gazetteer-file';
import { answerOnce } from './one-shot-worker';

answerOnce(() => toColumns(parseGazetteer(raw)), columnBuffers);
