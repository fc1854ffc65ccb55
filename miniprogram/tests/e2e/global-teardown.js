module.exports = () => require('./backend').teardown();
