// The member's own account: profile, association, what the server holds, notification consent.

const {request} = require('../utils/request');

/** GET /me */
const getMe = (options = {}) => request(Object.assign({path: '/me'}, options));

/** PATCH /me {nickname?, association_id?} */
const updateMe = (changes, options = {}) =>
  request(Object.assign({method: 'PATCH', path: '/me', data: changes}, options));

/** GET /me/data: what the server stores about me, for the privacy page. */
const getMyData = (options = {}) => request(Object.assign({path: '/me/data', retries: 2}, options));

/** GET /me/subscriptions: notification templates I can consent to, with my remaining sends. */
const listSubscriptions = (options = {}) =>
  request(Object.assign({path: '/me/subscriptions', retries: 2}, options));

/** POST /me/subscriptions {template_id}: one consent given in wx.requestSubscribeMessage. */
const addSubscription = (templateId, options = {}) =>
  request(Object.assign({method: 'POST', path: '/me/subscriptions', data: {template_id: templateId}}, options));

module.exports = {getMe, updateMe, getMyData, listSubscriptions, addSubscription};
