// One reviewed question: the options with my choices and the key marked, my answer against
// the key, the analysis and its source. `item` comes from packages/quiz/utils/review.js;
// `badge` replaces the right/wrong mark (the mistake book shows "错 3 次").

Component({
  options: {addGlobalClass: true},
  properties: {
    item: {type: Object, value: null},
    badge: {type: String, value: ''},
  },
});
