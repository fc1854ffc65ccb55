// Answers chosen during a paper but not yet saved on the server. They live in wx storage, one
// list per attempt, so that a lost network or the app being killed loses nothing; they are sent
// oldest first, one at a time, and an answer changed while its save was in flight is sent again.

const PREFIX = 'quiz.queue.';
// The server refuses answers once the paper is over: nothing queued can be saved any more.
const FINISHED = ['attempt_finished', 'attempt_expired'];
// Refusals of one answer itself (a letter not offered, a question not in the paper): resending
// cannot help. Anything else (no network, a server error, a login that failed) is retried.
const REFUSED = [400, 404, 422];

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether an API error says the attempt takes no more answers. */
function isFinished(error) {
  return Boolean(error) && error.statusCode === 409 && FINISHED.includes(error.reason);
}

/** The queue of one attempt; every call reads and writes storage, so copies agree. */
function open(attemptId) {
  const key = PREFIX + attemptId;

  function read() {
    const stored = wx.getStorageSync(key);
    return Array.isArray(stored) ? stored : [];
  }

  function write(entries) {
    if (entries.length) wx.setStorageSync(key, entries);
    else wx.removeStorageSync(key);
  }

  /** Remove the entry for questionId if it still holds these choices. */
  function forget(questionId, choices) {
    const entries = read();
    const kept = entries.filter((entry) => !(entry.question_id === questionId && same(entry.choices, choices)));
    if (kept.length !== entries.length) write(kept);
  }

  function clear() {
    wx.removeStorageSync(key);
  }

  return {
    /** Queue choices for a question, replacing (and moving to the back) any unsent older ones. */
    put(questionId, choices) {
      const entries = read().filter((entry) => entry.question_id !== questionId);
      entries.push({question_id: questionId, choices: choices.slice()});
      write(entries);
    },

    /** [{question_id, choices}], oldest change first. */
    entries: read,

    /** How many answers wait to be saved. */
    size() {
      return read().length;
    },

    /** The queued choices by question id. */
    choices() {
      const found = {};
      read().forEach((entry) => {
        found[entry.question_id] = entry.choices;
      });
      return found;
    },

    /** Mark an entry saved, unless the member changed it since it was sent. */
    settle: forget,

    clear,

    /**
     * Send every entry through send(entry) (a promise), oldest first. Resolves with
     * {status: 'done' | 'retry' | 'finished', sent, dropped, error}: 'retry' when the network
     * or the server failed (the rest stays queued), 'finished' when the attempt takes no more
     * answers (the queue is dropped). An answer the server refuses for good is dropped.
     */
    async flush(send) {
      let sent = 0;
      const dropped = [];
      for (;;) {
        const [entry] = read();
        if (!entry) return {status: 'done', sent, dropped};
        try {
          await send(entry);
          sent += 1;
          forget(entry.question_id, entry.choices);
        } catch (error) {
          if (isFinished(error)) {
            clear();
            return {status: 'finished', sent, dropped, error};
          }
          if (!error || !REFUSED.includes(error.statusCode)) return {status: 'retry', sent, dropped, error};
          dropped.push(entry);
          forget(entry.question_id, entry.choices);
        }
      }
    },
  };
}

module.exports = {open, isFinished, PREFIX};
