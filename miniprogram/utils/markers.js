// The map's markers from GET /sites/markers, whose rows are compact arrays: `fields` names the
// columns ("id", "lat", "lng", "type") and `types` names each type index. Coordinates are GCJ-02,
// the map component's own system, so they are used as they come.

// The types that have a pin of their own under assets/markers/.
const ICONS = ['hall', 'corridor', 'micro_landmark', 'education_base', 'other'];
// The pins are 48×56 px images shown at about 2x density; the tip is the default anchor.
const MARKER_WIDTH = 30;
const MARKER_HEIGHT = 35;
// addMarkers takes the markers in slices, so that ten thousand sites never make one huge message.
const CHUNK = 500;

/** The types' names as the markers answer gives them ({type: label}). */
function typeLabels(body) {
  const labels = {};
  const types = (body && body.types) || [];
  const names = (body && body.type_labels) || [];
  types.forEach((type, index) => {
    if (names[index]) labels[type] = names[index];
  });
  return labels;
}

/** The compact rows as {id, lat, lng, type}, columns found by name; malformed rows are skipped. */
function rows(body) {
  const fields = (body && body.fields) || ['id', 'lat', 'lng', 'type'];
  const types = (body && body.types) || [];
  const at = {id: fields.indexOf('id'), lat: fields.indexOf('lat'), lng: fields.indexOf('lng'), type: fields.indexOf('type')};
  return ((body && body.items) || [])
    .map((row) => ({id: row[at.id], lat: row[at.lat], lng: row[at.lng], type: types[row[at.type]] || 'other'}))
    .filter((row) => Number.isInteger(row.id) && Number.isFinite(row.lat) && Number.isFinite(row.lng));
}

/** The pin image for a site type (an unknown type gets the plain one). */
function iconPath(type) {
  return `/assets/markers/${ICONS.includes(type) ? type : 'other'}.png`;
}

/** A map marker for one site row, joining the map's native clusters. */
function toMarker(row) {
  return {
    id: row.id,
    latitude: row.lat,
    longitude: row.lng,
    iconPath: iconPath(row.type),
    width: MARKER_WIDTH,
    height: MARKER_HEIGHT,
    joinCluster: true,
  };
}

/** Map markers for the rows of one type ('' for every type). */
function mapMarkers(siteRows, type) {
  return siteRows.filter((row) => !type || row.type === type).map(toMarker);
}

/** A type's label: the API's own word (from the markers answer or a site row). */
function label(type, learned) {
  return (learned && learned[type]) || type;
}

/** Labels the API gave on site rows ({type: type_label}), added to those already known. */
function learnLabels(learned, sites) {
  const next = Object.assign({}, learned);
  (sites || []).forEach((site) => {
    if (site && site.type && site.type_label) next[site.type] = site.type_label;
  });
  return next;
}

/**
 * The type filter: "全部" then each of the API's types that has sites here (or is the one
 * chosen), with its count.
 */
function typeOptions(types, siteRows, learned, chosen) {
  const counts = {};
  siteRows.forEach((row) => {
    counts[row.type] = (counts[row.type] || 0) + 1;
  });
  const options = (types || [])
    .filter((type) => counts[type] || type === chosen)
    .map((type) => ({value: type, label: label(type, learned), count: counts[type] || 0}));
  return [{value: '', label: '全部', count: siteRows.length}].concat(options);
}

/** A list in slices of at most size items. */
function chunks(list, size = CHUNK) {
  const slices = [];
  for (let start = 0; start < list.length; start += size) slices.push(list.slice(start, start + size));
  return slices;
}

module.exports = {typeLabels, rows, iconPath, toMarker, mapMarkers, label, learnLabels, typeOptions, chunks};
