// Leaflet's own files as text, to be inlined in the public map (loaded on demand: a chunk of its own).
import js from 'leaflet/dist/leaflet.js?raw';
import css from 'leaflet/dist/leaflet.css?raw';

export const LEAFLET_SOURCE = { js, css };
