// Districts and associations: public, so no login is needed to browse them.

const {request} = require('../utils/request');

/** GET /districts */
const listDistricts = () => request({path: '/districts', auth: 'none', retries: 2});

/** GET /associations?district=&q=&page=&page_size= */
const listAssociations = (query) => request({path: '/associations', query, auth: 'none', retries: 2});

/** GET /associations/{id} (with its published fee schedule) */
const getAssociation = (id) => request({path: `/associations/${id}`, auth: 'none', retries: 2});

module.exports = {listDistricts, listAssociations, getAssociation};
