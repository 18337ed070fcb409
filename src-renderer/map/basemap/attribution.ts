// Attributions come from a PMTiles file's metadata or from the user's settings, and Leaflet's
// attribution control renders HTML: they are escaped to be shown as text.
export function escapeAttribution(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
