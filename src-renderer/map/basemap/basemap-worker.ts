// The built-in basemap prepared in a worker (prepare.ts): the page gets flat arrays, transferred, and
// spends no long task converting, cutting and projecting Natural Earth while a crisis opens. The
// data is imported statically: Vite bundles it into this worker's own file (no fetch, so the same
// under app:// in Electron and http:// on the web).
import world from '../../../resources/basemap/world.json';
import departements from '../../../resources/basemap/departements.json';
import { answerOnce } from '../one-shot-worker';
import { convert, type DepartementsTopology, type WorldTopology } from './builtin-data';
import { buffersOf, prepareBasemap } from './prepare';

answerOnce(() => prepareBasemap(convert(world as unknown as WorldTopology, departements as unknown as DepartementsTopology)), buffersOf);
