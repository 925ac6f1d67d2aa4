// Emoji shortcodes the local workspace draws (a small built-in set: the agents' icons and the ones
// people and agents use most). Unknown :codes: stay as text. Shared by the page and the server
// (which draws emoji avatars), so it is plain JavaScript with a .d.ts beside it.

export const EMOJI = Object.freeze({
  '+1': '👍', thumbsup: '👍', '-1': '👎', thumbsdown: '👎', ok_hand: '👌', clap: '👏', wave: '👋',
  raised_hands: '🙌', pray: '🙏', muscle: '💪', point_right: '👉', point_left: '👈', point_up: '☝️',
  eyes: '👀', brain: '🧠', handshake: '🤝', writing_hand: '✍️',
  smile: '😄', smiley: '😃', grinning: '😀', blush: '😊', slightly_smiling_face: '🙂', wink: '😉',
  joy: '😂', laughing: '😆', thinking_face: '🤔', neutral_face: '😐', confused: '😕', cry: '😢',
  sob: '😭', scream: '😱', sweat_smile: '😅', sunglasses: '😎', heart_eyes: '😍', partying_face: '🥳',
  upside_down_face: '🙃', face_with_monocle: '🧐', shushing_face: '🤫', rocket: '🚀', tada: '🎉',
  sparkles: '✨', fire: '🔥', star: '⭐', star2: '🌟', boom: '💥', zap: '⚡', bulb: '💡', heart: '❤️',
  white_check_mark: '✅', heavy_check_mark: '✔️', ballot_box_with_check: '☑️', x: '❌',
  negative_squared_cross_mark: '❎', warning: '⚠️', no_entry: '⛔', no_entry_sign: '🚫', stop_sign: '🛑',
  question: '❓', exclamation: '❗', bangbang: '‼️', information_source: 'ℹ️', hourglass: '⌛',
  hourglass_flowing_sand: '⏳', stopwatch: '⏱️', alarm_clock: '⏰', calendar: '📆', date: '📅',
  spiral_calendar_pad: '🗓️', clock9: '🕘', rotating_light: '🚨', red_circle: '🔴', large_green_circle: '🟢',
  large_yellow_circle: '🟡', large_blue_circle: '🔵', white_circle: '⚪', black_circle: '⚫',
  arrow_right: '➡️', arrow_left: '⬅️', arrow_up: '⬆️', arrow_down: '⬇️', arrows_counterclockwise: '🔄',
  repeat: '🔁', link: '🔗', lock: '🔒', unlock: '🔓', key: '🔑', bell: '🔔', pushpin: '📌',
  round_pushpin: '📍', paperclip: '📎', memo: '📝', pencil: '📝', pencil2: '✏️', page_facing_up: '📄',
  page_with_curl: '📃', clipboard: '📋', bookmark_tabs: '📑', books: '📚', book: '📖', newspaper: '📰',
  file_folder: '📁', open_file_folder: '📂', card_index_dividers: '🗂️', inbox_tray: '📥', outbox_tray: '📤',
  email: '📧', envelope: '✉️', incoming_envelope: '📨', mailbox: '📫', speech_balloon: '💬',
  thought_balloon: '💭', loudspeaker: '📢', mega: '📣', bar_chart: '📊', chart_with_upwards_trend: '📈',
  chart_with_downwards_trend: '📉', dart: '🎯', briefcase: '💼', art: '🎨', frame_with_picture: '🖼️',
  camera: '📷', movie_camera: '🎥', clapper: '🎬', telescope: '🔭', microscope: '🔬', mag: '🔍',
  mag_right: '🔎', iphone: '📱', computer: '💻', desktop_computer: '🖥️', keyboard: '⌨️', bird: '🐦',
  compass: '🧭', world_map: '🗺️', earth_americas: '🌎', globe_with_meridians: '🌐', office: '🏢',
  house: '🏠', building_construction: '🏗️', hammer_and_wrench: '🛠️', wrench: '🔧', gear: '⚙️',
  toolbox: '🧰', package: '📦', gift: '🎁', trophy: '🏆', medal: '🏅', first_place_medal: '🥇',
  moneybag: '💰', money_with_wings: '💸', dollar: '💵', credit_card: '💳', chart: '💹', scales: '⚖️',
  shield: '🛡️', crown: '👑', coffee: '☕', tea: '🍵', pizza: '🍕', cake: '🍰', seedling: '🌱',
  herb: '🌿', sunny: '☀️', cloud: '☁️', rainbow: '🌈', snowflake: '❄️', ocean: '🌊', robot_face: '🤖',
  robot: '🤖', busts_in_silhouette: '👥', bust_in_silhouette: '👤', people_holding_hands: '🧑‍🤝‍🧑',
  woman_technologist: '👩‍💻', man_technologist: '👨‍💻', man_office_worker: '👨‍💼',
  woman_office_worker: '👩‍💼', technologist: '🧑‍💻', office_worker: '🧑‍💼', detective: '🕵️',
  superhero: '🦸', test_tube: '🧪', label: '🏷️', ticket: '🎫', mailbox_with_mail: '📬', studio_microphone: '🎙️',
  microphone: '🎤', headphones: '🎧', musical_note: '🎵', notebook: '📓', ledger: '📒', triangular_flag_on_post: '🚩',
  checkered_flag: '🏁', construction: '🚧', new: '🆕', sos: '🆘', '100': '💯', hash: '#️⃣',
  one: '1️⃣', two: '2️⃣', three: '3️⃣', four: '4️⃣', five: '5️⃣',
});

/** The character for a shortcode (with or without colons), or undefined for one we don't know. */
export function emojiChar(code) {
  if (typeof code !== 'string') return undefined;
  const name = code.replace(/^:|:$/g, '').replace(/::skin-tone-\d$/, '');
  return Object.prototype.hasOwnProperty.call(EMOJI, name) ? EMOJI[name] : undefined;
}
