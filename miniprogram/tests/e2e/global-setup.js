module.exports = () => require('./backend').setup();
