// Districts and associations: public, so no login is needed to browse them.

const {request} = require('../utils/request');

/** GET /districts */
const listDistricts = (options = {}) =>
  request(Object.assign({path: '/districts', auth: 'none', retries: 2}, options));

/** GET /associations?district=&q=&page=&page_size= */
const listAssociations = (query, options = {}) =>
  request(Object.assign({path: '/associations', query, auth: 'none', retries: 2}, options));

/** GET /associations/{id} (with its published fee schedule) */
const getAssociation = (id, options = {}) =>
  request(Object.assign({path: `/associations/${id}`, auth: 'none', retries: 2}, options));

module.exports = {listDistricts, listAssociations, getAssociation};
