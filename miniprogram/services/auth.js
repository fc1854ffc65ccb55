// POST /auth/login: WeChat login (wx.login's code for a token). request.js also calls it
// silently when a token is missing or expired.

const {login} = require('../utils/request');

module.exports = {login};
