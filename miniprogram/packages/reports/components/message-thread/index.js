// The conversation a reporter may read: staff's replies and questions, and the reporter's own
// messages, each with its date only (a reporter's message keeps no time).

const time = require('../../../../utils/time');

const AUTHORS = {staff: '工作人员', reporter: '我'};

Component({
  options: {styleIsolation: 'apply-shared'},

  properties: {
    messages: {type: Array, value: []},
  },

  data: {items: []},

  observers: {
    messages(messages) {
      this.setData({
        items: (messages || []).map((message, index) => ({
          key: index,
          mine: message.author === 'reporter',
          author: AUTHORS[message.author] || '工作人员',
          body: message.body,
          date: time.date(message.sent_on),
          attachments: message.attachment_count || 0,
        })),
      });
    },
  },
});
