const markers = require('../../../utils/markers');
const sx = require('../../helpers/fixtures-sites');

test('compact rows become map markers by the column names and type index', () => {
  const body = {fields: ['id', 'lat', 'lng', 'type'], types: ['hall', 'corridor', 'micro_landmark'], total: 2, items: [[5, 28.1, 121.2, 2], [6, 28.3, 121.4, 0]]};

  expect(markers.mapMarkers(markers.rows(body), '')).toEqual([
    {id: 5, latitude: 28.1, longitude: 121.2, iconPath: '/assets/markers/micro_landmark.png', width: 30, height: 35, joinCluster: true},
    {id: 6, latitude: 28.3, longitude: 121.4, iconPath: '/assets/markers/hall.png', width: 30, height: 35, joinCluster: true},
  ]);
});

test('columns are found by name, whatever their order', () => {
  const body = {fields: ['type', 'lng', 'lat', 'id'], types: ['corridor'], items: [[0, 121.5, 28.6, 9]]};

  expect(markers.rows(body)).toEqual([{id: 9, lat: 28.6, lng: 121.5, type: 'corridor'}]);
});

test('coordinates are used as they come (GCJ-02, no conversion)', () => {
  const [marker] = markers.mapMarkers(markers.rows(sx.markers([[1, 28.65621, 121.42083, 0]])), '');

  expect([marker.latitude, marker.longitude]).toEqual([28.65621, 121.42083]);
});

test('malformed rows are skipped; an unknown type index gets the plain pin', () => {
  const rows = markers.rows(sx.markers([[1, 28.6, 121.4, 7], [2, null, 121.4, 0], ['x', 28.6, 121.4, 0], [3, 28.7, 'a', 0]]));

  expect(rows).toEqual([{id: 1, lat: 28.6, lng: 121.4, type: 'other'}]);
  expect(markers.iconPath('other')).toBe('/assets/markers/other.png');
  expect(markers.iconPath('something_new')).toBe('/assets/markers/other.png');
  expect(markers.rows(null)).toEqual([]);
  expect(markers.rows({})).toEqual([]);
});

test('every type has its pin image in assets/markers', () => {
  const fs = require('fs');
  const path = require('path');
  sx.TYPES.forEach((type) => {
    const file = path.join(__dirname, '../../..', markers.iconPath(type));
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.statSync(file).size).toBeLessThan(3 * 1024);
  });
});

test('a type filter keeps that type only', () => {
  const rows = markers.rows(sx.markers([[1, 28.6, 121.4, 0], [2, 28.6, 121.4, 1], [3, 28.6, 121.4, 0]]));

  expect(markers.mapMarkers(rows, 'hall').map((marker) => marker.id)).toEqual([1, 3]);
  expect(markers.mapMarkers(rows, 'corridor').map((marker) => marker.id)).toEqual([2]);
  expect(markers.mapMarkers(rows, 'other')).toEqual([]);
});

test('type options list the API\'s types that have sites here, with counts, and the chosen one', () => {
  const rows = markers.rows(sx.markers([[1, 28.6, 121.4, 0], [2, 28.6, 121.4, 2], [3, 28.6, 121.4, 0]]));

  const labels = markers.typeLabels(sx.markers([]));
  expect(markers.typeOptions(sx.TYPES, rows, labels, '')).toEqual([
    {value: '', label: '全部', count: 3},
    {value: 'hall', label: '清廉大厅', count: 2},
    {value: 'micro_landmark', label: '清廉微地标', count: 1},
  ]);
  expect(markers.typeOptions(sx.TYPES, [], labels, 'corridor')).toEqual([
    {value: '', label: '全部', count: 0},
    {value: 'corridor', label: '清廉文化长廊', count: 0},
  ]);
});

test('type names come from the API: the markers answer, then site rows', () => {
  expect(markers.typeLabels(sx.markers([]))).toMatchObject({hall: '清廉大厅', corridor: '清廉文化长廊'});
  expect(markers.typeLabels({types: ['hall']})).toEqual({});

  const learned = markers.learnLabels({hall: '清廉大厅'}, [{type: 'micro_landmark', type_label: '微地标'}, {type: 'hall'}, null]);

  expect(learned).toEqual({hall: '清廉大厅', micro_landmark: '微地标'});
  expect(markers.label('micro_landmark', learned)).toBe('微地标');
  expect(markers.label('brand_new', learned)).toBe('brand_new');
});

test('markers go to the map in slices', () => {
  const list = Array.from({length: 1201}, (_, i) => i);

  expect(markers.chunks(list).map((slice) => slice.length)).toEqual([500, 500, 201]);
  expect(markers.chunks([])).toEqual([]);
});
