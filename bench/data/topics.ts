/**
 * Seed topics for generated keyword families: per market, head nouns, the qualifiers that make a
 * head term ("trail" + "running shoes"), and brands. Qualifiers and nouns recur across markets on
 * purpose ("leather" boots and sofas, "coffee" grinders and tables, "keyboard" for computers and
 * music) so that families overlap the way real keyword lists do.
 */
export type Market = { nouns: string[]; qualifiers: string[]; brands: string[]; uses: string[] };

export const MARKETS: Market[] = [
  {
    nouns: ['shoes', 'boots', 'sneakers', 'sandals', 'slippers', 'socks', 'insoles', 'loafers'],
    qualifiers: ['running', 'trail running', 'hiking', 'walking', 'tennis', 'basketball', 'waterproof', 'leather', 'suede', 'steel toe', 'wide fit', 'orthopedic', 'winter', 'platform'],
    brands: ['nike', 'adidas', 'brooks', 'hoka', 'asics', 'merrell', 'salomon'],
    uses: ['flat feet', 'plantar fasciitis', 'marathon', 'standing all day'],
  },
  {
    nouns: ['grinder', 'maker', 'machine', 'kettle', 'blender', 'toaster', 'scale', 'frother'],
    qualifiers: ['coffee', 'espresso', 'burr coffee', 'electric', 'manual', 'smart', 'stainless steel', 'milk', 'cold brew', 'portable', 'gooseneck', 'pour over', 'single serve'],
    brands: ['breville', 'delonghi', 'cuisinart', 'hamilton beach', 'baratza', 'nespresso'],
    uses: ['home', 'office', 'travel', 'small kitchen'],
  },
  {
    nouns: ['table', 'chair', 'sofa', 'desk', 'bed frame', 'bookshelf', 'dresser', 'cabinet'],
    qualifiers: ['coffee', 'dining', 'office', 'standing', 'leather', 'wooden', 'glass', 'outdoor', 'folding', 'corner', 'mid century', 'storage', 'kids'],
    brands: ['ikea', 'wayfair', 'west elm', 'ashley', 'pottery barn'],
    uses: ['small spaces', 'living room', 'bedroom', 'apartment'],
  },
  {
    nouns: ['pan', 'pot', 'skillet', 'wok', 'dutch oven', 'knife set', 'cutting board'],
    qualifiers: ['cast iron', 'nonstick', 'ceramic', 'copper', 'carbon steel', 'stainless steel', 'induction', 'enameled', 'japanese', 'bamboo', 'large', 'oven safe', 'hard anodized'],
    brands: ['lodge', 'le creuset', 'all clad', 'tefal', 'calphalon', 'wusthof'],
    uses: ['gas stove', 'induction hob', 'searing steak', 'camping'],
  },
  {
    nouns: ['tent', 'sleeping bag', 'backpack', 'hammock', 'camping stove', 'lantern', 'cooler'],
    qualifiers: ['camping', 'backpacking', 'ultralight', '4 person', 'family', 'waterproof', 'hiking', 'winter', 'pop up', 'solar', 'inflatable', 'rolling', 'tactical'],
    brands: ['coleman', 'rei', 'north face', 'osprey', 'yeti', 'msr'],
    uses: ['festivals', 'car camping', 'thru hiking', 'cold weather'],
  },
  {
    nouns: ['headphones', 'earbuds', 'speaker', 'soundbar', 'microphone', 'amplifier', 'turntable'],
    qualifiers: ['wireless', 'bluetooth', 'noise cancelling', 'gaming', 'studio', 'waterproof', 'portable', 'usb', 'open back', 'bone conduction', 'smart', 'outdoor', 'vintage'],
    brands: ['sony', 'bose', 'jbl', 'sennheiser', 'apple', 'audio technica'],
    uses: ['podcasting', 'working out', 'tv', 'music production'],
  },
  {
    nouns: ['laptop', 'monitor', 'keyboard', 'mouse', 'docking station', 'webcam', 'router'],
    qualifiers: ['gaming', 'mechanical', 'ergonomic', 'wireless', '4k', 'curved', 'budget', 'business', 'portable', 'ultrawide', 'mesh wifi', 'vertical', 'touchscreen'],
    brands: ['dell', 'lenovo', 'logitech', 'asus', 'hp', 'razer'],
    uses: ['programming', 'video editing', 'students', 'working from home'],
  },
  {
    nouns: ['phone case', 'screen protector', 'charger', 'power bank', 'charging cable', 'phone holder', 'smartwatch band'],
    qualifiers: ['iphone 15', 'samsung galaxy', 'magnetic', 'wireless', 'fast', 'car', 'usb c', 'rugged', 'clear', 'privacy', 'solar', 'leather', 'silicone'],
    brands: ['anker', 'otterbox', 'spigen', 'belkin', 'zagg'],
    uses: ['travel', 'kids', 'hiking', 'cars'],
  },
  {
    nouns: ['dumbbells', 'treadmill', 'exercise bike', 'yoga mat', 'resistance bands', 'kettlebell', 'rowing machine'],
    qualifiers: ['adjustable', 'home', 'folding', 'compact', 'heavy', 'non slip', 'magnetic', 'smart', 'commercial', 'under desk', 'cast iron', 'thick', 'air'],
    brands: ['peloton', 'nordictrack', 'bowflex', 'concept2', 'lululemon', 'rogue'],
    uses: ['seniors', 'beginners', 'weight loss', 'small apartments'],
  },
  {
    nouns: ['moisturizer', 'serum', 'sunscreen', 'cleanser', 'face mask', 'toner', 'eye cream'],
    qualifiers: ['vitamin c', 'retinol', 'hyaluronic acid', 'oily skin', 'dry skin', 'sensitive skin', 'anti aging', 'korean', 'mineral', 'niacinamide', 'tinted', 'overnight', 'organic'],
    brands: ['cerave', 'la roche posay', 'the ordinary', 'neutrogena', 'clinique'],
    uses: ['acne', 'rosacea', 'dark spots', 'wrinkles'],
  },
  {
    nouns: ['shampoo', 'conditioner', 'hair dryer', 'straightener', 'curling iron', 'hair oil', 'hair mask'],
    qualifiers: ['curly hair', 'dandruff', 'sulfate free', 'ionic', 'purple', 'thinning hair', 'argan', 'travel', 'ceramic', 'volumizing', 'keratin', 'color safe', 'natural'],
    brands: ['dyson', 'olaplex', 'pantene', 'ghd', 'revlon'],
    uses: ['fine hair', 'thick hair', 'frizz', 'hair growth'],
  },
  {
    nouns: ['dog food', 'cat food', 'dog bed', 'cat litter', 'dog leash', 'cat tree', 'dog toys'],
    qualifiers: ['grain free', 'puppy', 'senior', 'large breed', 'orthopedic', 'clumping', 'indestructible', 'raw', 'wet', 'hypoallergenic', 'retractable', 'calming', 'small breed'],
    brands: ['purina', 'blue buffalo', 'hills', 'royal canin', 'kong'],
    uses: ['sensitive stomach', 'allergies', 'chewers', 'multiple cats'],
  },
  {
    nouns: ['flights', 'hotels', 'car rental', 'travel insurance', 'cruises', 'vacation rentals'],
    qualifiers: ['paris', 'london', 'new york', 'tokyo', 'bali', 'rome', 'barcelona', 'dubai', 'lisbon', 'cancun', 'iceland', 'amsterdam', 'last minute', 'all inclusive'],
    brands: ['expedia', 'booking', 'airbnb', 'kayak', 'hertz'],
    uses: ['families', 'couples', 'students', 'business trips'],
  },
  {
    nouns: ['credit card', 'savings account', 'mortgage', 'personal loan', 'car insurance', 'life insurance'],
    qualifiers: ['travel', 'cash back', 'student', 'high yield', 'fixed rate', 'first time buyer', 'business', 'bad credit', 'term', 'joint', 'no annual fee', 'low interest', 'young driver'],
    brands: ['chase', 'amex', 'capital one', 'wells fargo', 'geico'],
    uses: ['self employed', 'retirees', 'new drivers', 'immigrants'],
  },
  {
    nouns: ['crm', 'accounting software', 'project management tool', 'email marketing platform', 'website builder', 'vpn', 'password manager'],
    qualifiers: ['small business', 'free', 'open source', 'enterprise', 'cloud', 'nonprofit', 'agency', 'ecommerce', 'self hosted', 'team', 'real estate', 'startup', 'freelancer'],
    brands: ['hubspot', 'salesforce', 'quickbooks', 'asana', 'mailchimp', 'wix'],
    uses: ['remote teams', 'consultants', 'schools', 'agencies'],
  },
  {
    nouns: ['soup', 'cake', 'bread', 'salad', 'pasta', 'curry', 'cookies'],
    qualifiers: ['chicken', 'chocolate', 'banana', 'vegan', 'gluten free', 'tomato', 'lentil', 'sourdough', 'pumpkin', 'keto', 'lemon', 'thai', 'oatmeal'],
    brands: ['jamie oliver', 'nigella', 'bbc good food', 'allrecipes'],
    uses: ['dinner', 'kids', 'meal prep', 'crockpot'],
  },
  {
    nouns: ['lawn mower', 'garden hose', 'pruning shears', 'raised bed', 'planter', 'greenhouse', 'leaf blower'],
    qualifiers: ['electric', 'cordless', 'robotic', 'self propelled', 'expandable', 'cedar', 'metal', 'self watering', 'hanging', 'polycarbonate', 'battery', 'gas', 'ride on'],
    brands: ['ryobi', 'husqvarna', 'worx', 'greenworks', 'dewalt', 'stihl'],
    uses: ['small gardens', 'hills', 'vegetables', 'balcony'],
  },
  {
    nouns: ['stroller', 'car seat', 'crib', 'high chair', 'baby monitor', 'diaper bag', 'baby carrier'],
    qualifiers: ['convertible', 'jogging', 'lightweight', 'travel', 'video', 'double', 'infant', 'wooden', 'backpack', 'mini', 'wifi', 'umbrella', 'organic'],
    brands: ['graco', 'uppababy', 'chicco', 'nanit', 'ergobaby', 'britax'],
    uses: ['newborns', 'twins', 'toddlers', 'small cars'],
  },
  {
    nouns: ['vacuum', 'mop', 'air purifier', 'humidifier', 'dehumidifier', 'space heater', 'fan'],
    qualifiers: ['robot', 'cordless', 'handheld', 'steam', 'hepa', 'quiet', 'ceiling', 'tower', 'cool mist', 'basement', 'oil filled', 'smart', 'bladeless'],
    brands: ['dyson', 'shark', 'roomba', 'levoit', 'honeywell', 'bissell'],
    uses: ['pet hair', 'allergies', 'large rooms', 'hardwood floors'],
  },
  {
    nouns: ['watch', 'necklace', 'ring', 'bracelet', 'earrings', 'sunglasses', 'wallet'],
    qualifiers: ['gold', 'silver', 'diamond', 'leather', 'smart', 'polarized', 'minimalist', 'engagement', 'pearl', 'titanium', 'vintage', 'rfid', 'charm'],
    brands: ['pandora', 'rolex', 'ray ban', 'fossil', 'tiffany', 'casio'],
    uses: ['gifts', 'weddings', 'everyday wear', 'anniversaries'],
  },
  {
    nouns: ['jacket', 'jeans', 'dress', 'hoodie', 'leggings', 'coat', 'swimsuit'],
    qualifiers: ['leather', 'denim', 'rain', 'puffer', 'maxi', 'high waisted', 'oversized', 'wool', 'one piece', 'skinny', 'fleece', 'linen', 'wedding guest'],
    brands: ['levis', 'zara', 'patagonia', 'uniqlo', 'h&m', 'north face'],
    uses: ['petite', 'plus size', 'tall women', 'summer'],
  },
  {
    nouns: ['tires', 'car battery', 'dash cam', 'floor mats', 'seat covers', 'roof rack', 'jump starter'],
    qualifiers: ['winter', 'all season', 'off road', 'agm', 'front and rear', 'all weather', 'waterproof', 'leather', 'bike', 'portable', 'truck', 'suv', '4k'],
    brands: ['michelin', 'bridgestone', 'garmin', 'weathertech', 'thule', 'noco'],
    uses: ['tesla', 'toyota', 'pickup trucks', 'snow'],
  },
  {
    nouns: ['guitar', 'piano', 'drum set', 'violin', 'ukulele', 'keyboard', 'guitar amp'],
    qualifiers: ['acoustic', 'electric', 'digital', 'beginner', 'bass', 'classical', 'travel', 'electronic', 'concert', 'left handed', 'weighted', 'tube', 'kids'],
    brands: ['yamaha', 'fender', 'roland', 'gibson', 'casio', 'taylor'],
    uses: ['adults', 'self learning', 'small hands', 'recording'],
  },
  {
    nouns: ['course', 'certification', 'degree', 'bootcamp', 'tutorial', 'book'],
    qualifiers: ['python', 'data science', 'nursing', 'mba', 'machine learning', 'web development', 'project management', 'digital marketing', 'cybersecurity', 'ux design', 'accounting', 'excel', 'spanish'],
    brands: ['coursera', 'udemy', 'edx', 'linkedin learning', 'khan academy'],
    uses: ['beginners', 'career change', 'working adults', 'kids'],
  },
  {
    nouns: ['paint', 'wallpaper', 'flooring', 'tiles', 'curtains', 'rug', 'mirror', 'light fixture'],
    qualifiers: ['exterior', 'peel and stick', 'vinyl', 'hardwood', 'bathroom', 'blackout', 'wool', 'full length', 'chalk', 'waterproof', 'kitchen', 'outdoor', 'farmhouse'],
    brands: ['benjamin moore', 'sherwin williams', 'behr', 'home depot', 'lowes'],
    uses: ['renters', 'living rooms', 'high traffic areas', 'small bathrooms'],
  },
  {
    nouns: ['drill', 'saw', 'sander', 'tool box', 'ladder', 'workbench', 'nail gun'],
    qualifiers: ['cordless', 'impact', 'circular', 'miter', 'orbital', 'telescoping', 'rolling', 'brushless', 'pneumatic', 'step', 'heavy duty', 'compact', 'table'],
    brands: ['makita', 'milwaukee', 'bosch', 'craftsman', 'black and decker'],
    uses: ['woodworking', 'concrete', 'diy projects', 'contractors'],
  },
  {
    nouns: ['bike', 'helmet', 'bike lock', 'bike rack', 'cycling shoes', 'bike light', 'saddle'],
    qualifiers: ['mountain', 'road', 'electric', 'gravel', 'folding', 'hybrid', 'kids', 'commuter', 'fat tire', 'clip in', 'usb rechargeable', 'u lock', 'carbon'],
    brands: ['trek', 'specialized', 'giant', 'cannondale', 'shimano', 'kryptonite'],
    uses: ['commuting', 'trails', 'tall riders', 'women'],
  },
  {
    nouns: ['fishing rod', 'fishing reel', 'tackle box', 'waders', 'fishing line', 'kayak', 'life jacket'],
    qualifiers: ['spinning', 'baitcasting', 'fly', 'saltwater', 'ice', 'telescopic', 'braided', 'fluorocarbon', 'sit on top', 'inflatable', 'fishing', 'breathable', 'surf'],
    brands: ['shimano', 'penn', 'ugly stik', 'plano', 'simms', 'old town'],
    uses: ['bass', 'trout', 'beginners', 'lakes'],
  },
  {
    nouns: ['tv', 'projector', 'streaming device', 'tv mount', 'antenna', 'hdmi cable', 'universal remote'],
    qualifiers: ['oled', '4k', '8k', 'smart', 'outdoor', 'short throw', 'full motion', 'ceiling', 'hdtv', 'qled', 'mini', 'gaming', 'long range'],
    brands: ['samsung', 'lg', 'roku', 'epson', 'tcl', 'sony'],
    uses: ['bright rooms', 'home theater', 'bedroom', 'sports'],
  },
  {
    nouns: ['game console', 'controller', 'gaming chair', 'gaming headset', 'graphics card', 'vr headset', 'capture card'],
    qualifiers: ['ps5', 'xbox', 'nintendo switch', 'pc', 'wireless', 'budget', 'racing', 'standalone', 'rgb', 'ergonomic', 'retro', 'handheld', 'external'],
    brands: ['sony', 'microsoft', 'nintendo', 'nvidia', 'meta', 'elgato'],
    uses: ['streaming', 'fortnite', 'kids', 'long sessions'],
  },
  {
    nouns: ['camera', 'lens', 'tripod', 'camera bag', 'memory card', 'drone', 'ring light'],
    qualifiers: ['mirrorless', 'dslr', 'action', 'instant', 'wide angle', 'telephoto', 'travel', 'waterproof', 'sling', 'sd', 'beginner', 'vlogging', 'film'],
    brands: ['canon', 'nikon', 'fujifilm', 'gopro', 'dji', 'sandisk'],
    uses: ['wildlife', 'portraits', 'youtube', 'real estate'],
  },
  {
    nouns: ['vitamins', 'protein powder', 'probiotics', 'fish oil', 'magnesium', 'collagen', 'melatonin'],
    qualifiers: ['whey', 'plant based', 'prenatal', 'gummy', 'liquid', 'womens', 'mens', 'kids', 'vegan', 'sugar free', 'high strength', 'chewable', 'slow release'],
    brands: ['garden of life', 'optimum nutrition', 'nature made', 'vital proteins', 'thorne'],
    uses: ['sleep', 'energy', 'muscle gain', 'joint pain'],
  },
  {
    nouns: ['mattress', 'pillow', 'duvet', 'sheets', 'mattress topper', 'weighted blanket', 'bed'],
    qualifiers: ['memory foam', 'hybrid', 'cooling', 'king size', 'queen', 'organic cotton', 'bamboo', 'latex', 'firm', 'down alternative', 'linen', 'adjustable', 'twin'],
    brands: ['casper', 'purple', 'tempur pedic', 'saatva', 'brooklinen'],
    uses: ['back pain', 'side sleepers', 'hot sleepers', 'couples'],
  },
  {
    nouns: ['printer', 'scanner', 'shredder', 'label maker', 'laminator', 'paper', 'ink cartridges'],
    qualifiers: ['laser', 'inkjet', 'photo', '3d', 'portable', 'document', 'cross cut', 'wireless', 'color', 'thermal', 'all in one', 'sticker', 'office'],
    brands: ['brother', 'canon', 'epson', 'hp', 'fellowes', 'dymo'],
    uses: ['home office', 'small business', 'students', 'shipping labels'],
  },
  {
    nouns: ['lipstick', 'foundation', 'mascara', 'eyeliner', 'concealer', 'makeup brushes', 'nail polish'],
    qualifiers: ['matte', 'waterproof', 'long lasting', 'full coverage', 'liquid', 'gel', 'drugstore', 'cruelty free', 'vegan', 'nude', 'red', 'tubing', 'powder'],
    brands: ['maybelline', 'mac', 'fenty', 'loreal', 'nars', 'opi'],
    uses: ['mature skin', 'dark skin', 'beginners', 'weddings'],
  },
  {
    nouns: ['perfume', 'cologne', 'deodorant', 'body wash', 'razor', 'beard oil', 'electric shaver'],
    qualifiers: ['floral', 'vanilla', 'woody', 'aluminum free', 'natural', 'safety', 'rotary', 'foil', 'unscented', 'long lasting', 'fresh', 'moisturizing', 'sandalwood'],
    brands: ['chanel', 'dior', 'gillette', 'philips', 'old spice', 'braun'],
    uses: ['summer', 'sensitive skin', 'office', 'date night'],
  },
  {
    nouns: ['tea', 'coffee beans', 'wine', 'whiskey', 'olive oil', 'honey', 'chocolate'],
    qualifiers: ['green', 'matcha', 'herbal', 'decaf', 'espresso', 'organic', 'red', 'natural', 'single malt', 'extra virgin', 'manuka', 'dark', 'raw'],
    brands: ['twinings', 'lavazza', 'illy', 'lindt', 'glenfiddich'],
    uses: ['gifts', 'cooking', 'weight loss', 'beginners'],
  },
  {
    nouns: ['suitcase', 'carry on', 'duffel bag', 'travel pillow', 'packing cubes', 'luggage tag', 'passport holder'],
    qualifiers: ['hard shell', 'spinner', 'lightweight', 'expandable', 'leather', 'compression', 'memory foam', 'waterproof', 'rfid blocking', 'weekender', 'large', 'cabin', 'personalized'],
    brands: ['samsonite', 'away', 'tumi', 'delsey', 'travelpro'],
    uses: ['long flights', 'europe', 'business travel', 'backpackers'],
  },
  {
    nouns: ['aquarium', 'bird cage', 'hamster cage', 'fish tank filter', 'reptile lamp', 'rabbit hutch', 'chicken coop'],
    qualifiers: ['large', 'nano', 'saltwater', 'glass', 'outdoor', 'heat', 'canister', 'hang on back', 'uvb', 'wooden', 'walk in', 'flight', 'planted'],
    brands: ['fluval', 'aqueon', 'zoo med', 'prevue', 'omlet'],
    uses: ['beginners', 'bearded dragons', 'winter', 'backyard'],
  },
  {
    nouns: ['wedding dress', 'suit', 'tuxedo', 'bridesmaid dresses', 'wedding rings', 'wedding invitations', 'veil'],
    qualifiers: ['lace', 'boho', 'beach', 'slim fit', 'navy', 'velvet', 'champagne', 'rustic', 'minimalist', 'cathedral', 'mermaid', 'vintage', 'linen'],
    brands: ['david bridal', 'vera wang', 'hugo boss', 'minted', 'zola'],
    uses: ['courthouse weddings', 'summer weddings', 'plus size', 'petite'],
  },
  {
    nouns: ['tutoring', 'daycare', 'dentist', 'plumber', 'electrician', 'lawyer', 'accountant'],
    qualifiers: ['math', 'online', 'emergency', '24 hour', 'pediatric', 'cosmetic', 'divorce', 'immigration', 'tax', 'licensed', 'affordable', 'home', 'personal injury'],
    brands: ['angi', 'thumbtack', 'yelp', 'care com', 'avvo'],
    uses: ['seniors', 'small business', 'weekends', 'kids'],
  },
  {
    nouns: ['board games', 'puzzles', 'lego sets', 'dolls', 'action figures', 'rc cars', 'science kits'],
    qualifiers: ['strategy', 'family', '1000 piece', 'wooden', 'star wars', 'technic', 'baby', 'collectible', 'off road', 'stem', 'educational', 'two player', 'cooperative'],
    brands: ['hasbro', 'lego', 'mattel', 'ravensburger', 'traxxas'],
    uses: ['adults', 'toddlers', 'christmas', 'game night'],
  },
];
