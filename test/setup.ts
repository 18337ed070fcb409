// IndexedDB for Dexie under Node (unit tests of the store).
import 'fake-indexeddb/auto';
