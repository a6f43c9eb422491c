// The tuning set: queries as people type them, each with the pages that answer it, that ranking
// was adjusted against (the held-out set in held-out.mjs never is). Every case must find an
// answer in the top three.
const bands = ['pre-birth', '0-2', '2-4', '5-11', '12-plus'];
const signs = (category) => [`/signs/type/${category}/`, ...bands.map((b) => `/signs/${b}/${category}/`)];
const NUTRITIONAL = signs('nutritional');
const SUPERVISION = signs('supervision');
const EDUCATIONAL = signs('educational');
const PHYSICAL = signs('physical');
const HELP = ['/young-people/talking-to-an-adult/', '/directory/childline/', '/young-people/', '/young-people/if-its-you/'];
const FOOD = ['/directory/category/food/', '/directory/example-borough-food-bank/', '/directory/millbridge-food-bank/',
  '/directory/eastfield-community-pantry/', '/directory/brookvale-mobile-pantry/', '/directory/category/holiday-food/'];

export const TUNING = [
  // Young people, in their own words
  ['my mate never has lunch', '/signs/12-plus/nutritional/'],
  ['my friend is always hungry', NUTRITIONAL],
  ['friend always starving at school', NUTRITIONAL],
  ['my friend smells', '/signs/12-plus/physical/'],
  ['wears the same clothes every day', '/signs/12-plus/physical/'],
  ['home alone all the time', SUPERVISION],
  ['left alone to look after little brother', '/signs/5-11/supervision/'],
  ['my mum drinks', ['/directory/young-carers-service/', '/voices/#voice-looking-after-mum']],
  ['nobody cares about me', '/signs/12-plus/emotional/'],
  ['skipping school', '/signs/12-plus/educational/'],
  ['toothache nobody takes me to the dentist', '/signs/5-11/medical/'],
  ['how do i help a friend', '/young-people/helping-a-friend/'],
  ['who can i talk to', '/young-people/talking-to-an-adult/'],
  ['its happening to me', '/young-people/if-its-you/'],
  ['childline number', '/directory/childline/'],
  ['need someone to talk to', HELP],
  ['kids always hungry', NUTRITIONAL],
  ['never goes to school', EDUCATIONAL],
  ['is it my fault', '/young-people/if-its-you/'],
  ['i dont want to get my friend in trouble', ['/young-people/helping-a-friend/', '/young-people/talking-to-an-adult/']],
  ['head lice', PHYSICAL],
  ['no heating at home', [...PHYSICAL, '/directory/warm-and-well-homes/']],
  // Worried adults
  ['what is neglect', '/about-neglect/what-is-neglect/'],
  ['types of neglect', '/about-neglect/types-of-neglect/'],
  ['report a concern about a child', '/worried/report-a-concern/'],
  ['what happens when i report', '/worried/report-a-concern/'],
  ['worried about a child next door', '/worried/what-to-do/'],
  ['signs of neglect in babies', '/signs/0-2/'],
  ['neglect before birth pregnancy', '/signs/pre-birth/medical/'],
  ['who is at risk', '/about-neglect/who-is-at-risk/'],
  ['food bank', '/directory/example-borough-food-bank/'],
  ['where to get food', FOOD],
  ['free school meals', FOOD],
  ['health visitor', '/directory/health-visiting-service/'],
  ['baby clinic', ['/directory/westbrook-baby-clinic/', '/directory/health-visiting-service/', '/directory/baby-and-me-eastfield/']],
  ['young carers support', '/directory/young-carers-service/'],
  ['parenting course', '/directory/positive-parenting-course/'],
  ['debt advice', '/directory/money-advice-service/'],
  ['help with money', ['/directory/money-advice-service/', '/directory/family-hub-money-clinic/', '/directory/category/debt-advice/']],
  ['domestic abuse help', '/directory/domestic-abuse-support-line/'],
  ['mental health support for my mum', ['/directory/category/mental-health/', '/directory/parent-wellbeing-group/', '/directory/perinatal-mental-health-team/']],
  // Typos and spellings
  ['negelct', '/about-neglect/what-is-neglect/'],
  ['hungrey child', NUTRITIONAL],
  ['suport for familys', '/directory/family-information-service/'],
  ['accesibility statement', '/accessibility/'],
  ['nutrtion', NUTRITIONAL],
  ['nutrishun', NUTRITIONAL],
  ['fisical neglect', PHYSICAL],
];
