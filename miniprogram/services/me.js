// The member's own account: profile, association, what the server holds, notification consent.

const {request} = require('../utils/request');

/** GET /me */
const getMe = (options = {}) => request(Object.assign({path: '/me'}, options));

/** PATCH /me {nickname?, association_id?} */
const updateMe = (changes) => request({method: 'PATCH', path: '/me', data: changes});

/** GET /me/data: what the server stores about me, for the privacy page. */
const getMyData = () => request({path: '/me/data'});

/** GET /me/subscriptions: notification templates I can consent to, with my remaining sends. */
const listSubscriptions = () => request({path: '/me/subscriptions'});

/** POST /me/subscriptions {template_id}: one consent given in wx.requestSubscribeMessage. */
const addSubscription = (templateId) =>
  request({method: 'POST', path: '/me/subscriptions', data: {template_id: templateId}});

module.exports = {getMe, updateMe, getMyData, listSubscriptions, addSubscription};
