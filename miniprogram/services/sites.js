// Integrity culture sites: the map, details, QR check-in and my footprint.

const {request} = require('../utils/request');
const config = require('../config/index');

/** GET /sites/markers?type=&district=: every site as a compact row for the map. */
const getMarkers = (query) => request({path: '/sites/markers', query, auth: 'none', retries: 2});

/** GET /sites?lat=&lng=&radius_m=&type=&district=&q=&page=: nearest first when lat/lng given. */
const listSites = (query) => request({path: '/sites', query, auth: 'none', retries: 2});

/** GET /sites/{id}?lat=&lng= (logged in: whether I checked in today); options as request's (silent). */
const getSite = (id, query, options = {}) =>
  request(Object.assign({path: `/sites/${id}`, query, retries: 2}, options));

/** POST /sites/{id}/checkins {scene, lat?, lng?} */
const checkIn = (siteId, body) =>
  request({method: 'POST', path: `/sites/${siteId}/checkins`, data: body, silent: true});

/** GET /me/checkins?page= */
const listMyCheckins = (query) => request({path: '/me/checkins', query, retries: 2});

/** The absolute address of a site photo path the API gave (photo.url / thumb_url). */
const photoUrl = (path) => (path && path.startsWith('/') ? config.current().baseUrl + path : path);

module.exports = {getMarkers, listSites, getSite, checkIn, listMyCheckins, photoUrl};
