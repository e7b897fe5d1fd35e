-- Industry templates: a site picks an industry, and each of its sectors may start from one of the
-- industry's sector templates, so that keyword planning begins from a sensible structure.

insert into industries (slug, name, description) values
  ('health-wellness', 'Health & Wellness', 'Fitness, nutrition, mental health and healthy living.'),
  ('home-garden', 'Home & Garden', 'Home improvement, interiors, gardening and household care.'),
  ('technology-saas', 'Technology & SaaS', 'Software, cloud services, gadgets and developer tools.'),
  ('finance', 'Finance', 'Personal finance, investing, banking, insurance and accounting.'),
  ('travel', 'Travel', 'Destinations, trip planning, accommodation and transport.'),
  ('food-drink', 'Food & Drink', 'Recipes, restaurants, beverages and cooking techniques.'),
  ('fashion-beauty', 'Fashion & Beauty', 'Clothing, accessories, skincare, makeup and hair.'),
  ('education', 'Education', 'Schools, online courses, study skills and lifelong learning.'),
  ('real-estate', 'Real Estate', 'Buying, selling, renting and investing in property.'),
  ('automotive', 'Automotive', 'Cars, motorbikes, maintenance, buying guides and electric vehicles.'),
  ('legal', 'Legal', 'Legal services and plain-language guides to the law.'),
  ('marketing-advertising', 'Marketing & Advertising', 'Digital marketing, advertising, branding and growth.');

insert into industry_sectors (industry_id, slug, name, description)
select i.id, s.slug, s.name, s.description
from (values
  ('health-wellness', 'fitness', 'Fitness & Exercise', 'Workouts, training plans and exercise technique.'),
  ('health-wellness', 'nutrition', 'Nutrition & Diet', 'Healthy eating, diets, meal plans and supplements.'),
  ('health-wellness', 'mental-health', 'Mental Health', 'Stress, anxiety, sleep and emotional well-being.'),
  ('health-wellness', 'yoga-meditation', 'Yoga & Meditation', 'Yoga styles, poses, mindfulness and meditation practice.'),
  ('health-wellness', 'weight-loss', 'Weight Loss', 'Sustainable weight management and fat loss.'),
  ('health-wellness', 'alternative-medicine', 'Alternative Medicine', 'Herbal remedies, acupuncture and complementary therapies.'),

  ('home-garden', 'interior-design', 'Interior Design', 'Decorating ideas, furniture and room makeovers.'),
  ('home-garden', 'gardening', 'Gardening', 'Plants, vegetables, lawns and garden design.'),
  ('home-garden', 'diy-home-improvement', 'DIY & Home Improvement', 'Repairs, renovations and do-it-yourself projects.'),
  ('home-garden', 'kitchen-bath', 'Kitchen & Bath', 'Kitchen and bathroom design, fixtures and remodelling.'),
  ('home-garden', 'cleaning-organization', 'Cleaning & Organization', 'Cleaning tips, decluttering and storage solutions.'),
  ('home-garden', 'smart-home', 'Smart Home', 'Connected devices, home automation and security systems.'),

  ('technology-saas', 'saas-tools', 'SaaS Tools', 'Business software, comparisons and reviews.'),
  ('technology-saas', 'software-development', 'Software Development', 'Programming languages, frameworks and engineering practice.'),
  ('technology-saas', 'cybersecurity', 'Cybersecurity', 'Online security, privacy and threat protection.'),
  ('technology-saas', 'artificial-intelligence', 'Artificial Intelligence', 'AI tools, machine learning and automation.'),
  ('technology-saas', 'cloud-computing', 'Cloud Computing', 'Hosting, cloud platforms and infrastructure.'),
  ('technology-saas', 'consumer-electronics', 'Consumer Electronics', 'Phones, laptops, gadgets and buying guides.'),
  ('technology-saas', 'productivity', 'Productivity', 'Work tools, workflows and remote collaboration.'),

  ('finance', 'personal-finance', 'Personal Finance', 'Budgeting, saving and managing debt.'),
  ('finance', 'investing', 'Investing', 'Stocks, funds, retirement accounts and portfolio strategy.'),
  ('finance', 'cryptocurrency', 'Cryptocurrency', 'Digital assets, exchanges and blockchain basics.'),
  ('finance', 'banking-credit', 'Banking & Credit', 'Bank accounts, credit cards, loans and credit scores.'),
  ('finance', 'insurance', 'Insurance', 'Life, health, home and car insurance explained.'),
  ('finance', 'taxes-accounting', 'Taxes & Accounting', 'Tax filing, deductions and small-business bookkeeping.'),

  ('travel', 'destinations', 'Destinations', 'City, country and region guides.'),
  ('travel', 'budget-travel', 'Budget Travel', 'Travelling well for less: deals, hacks and cheap stays.'),
  ('travel', 'luxury-travel', 'Luxury Travel', 'Premium hotels, resorts and experiences.'),
  ('travel', 'adventure-travel', 'Adventure Travel', 'Hiking, trekking, diving and outdoor trips.'),
  ('travel', 'travel-gear', 'Travel Gear', 'Luggage, packing lists and travel accessories.'),
  ('travel', 'family-travel', 'Family Travel', 'Trips and holidays with children.'),

  ('food-drink', 'recipes', 'Recipes', 'Step-by-step dishes for every meal and occasion.'),
  ('food-drink', 'baking', 'Baking', 'Bread, cakes, pastry and baking techniques.'),
  ('food-drink', 'vegan-vegetarian', 'Vegan & Vegetarian', 'Plant-based cooking and meat-free eating.'),
  ('food-drink', 'restaurants', 'Restaurants & Dining Out', 'Restaurant reviews, cuisines and food guides.'),
  ('food-drink', 'wine-spirits', 'Wine & Spirits', 'Wine, beer, cocktails and tasting notes.'),
  ('food-drink', 'coffee-tea', 'Coffee & Tea', 'Brewing methods, beans, leaves and equipment.'),
  ('food-drink', 'kitchen-equipment', 'Kitchen Equipment', 'Cookware, appliances and gadget reviews.'),

  ('fashion-beauty', 'womens-fashion', 'Women''s Fashion', 'Clothing trends, outfits and style advice.'),
  ('fashion-beauty', 'mens-fashion', 'Men''s Fashion', 'Menswear, grooming and style guides.'),
  ('fashion-beauty', 'skincare', 'Skincare', 'Routines, ingredients and product reviews.'),
  ('fashion-beauty', 'makeup', 'Makeup', 'Techniques, tutorials and cosmetics reviews.'),
  ('fashion-beauty', 'hair-care', 'Hair Care', 'Haircuts, styling, colour and hair health.'),
  ('fashion-beauty', 'jewelry-accessories', 'Jewelry & Accessories', 'Jewellery, bags, watches and accessories.'),
  ('fashion-beauty', 'sustainable-fashion', 'Sustainable Fashion', 'Ethical brands, second-hand and slow fashion.'),

  ('education', 'online-learning', 'Online Learning', 'Online courses, platforms and e-learning tips.'),
  ('education', 'k12', 'K-12 Education', 'Primary and secondary schooling, homework help and parenting.'),
  ('education', 'higher-education', 'Higher Education', 'Universities, admissions, degrees and scholarships.'),
  ('education', 'language-learning', 'Language Learning', 'Learning and teaching foreign languages.'),
  ('education', 'test-prep', 'Test Preparation', 'Exam strategies and preparation for standardised tests.'),
  ('education', 'career-skills', 'Career & Professional Skills', 'Certifications, upskilling and career development.'),

  ('real-estate', 'home-buying', 'Home Buying', 'Steps, costs and advice for buying a home.'),
  ('real-estate', 'home-selling', 'Home Selling', 'Preparing, pricing and selling property.'),
  ('real-estate', 'renting', 'Renting', 'Tenancy, finding rentals and renters'' rights.'),
  ('real-estate', 'mortgages', 'Mortgages', 'Mortgage types, rates and refinancing.'),
  ('real-estate', 'property-investment', 'Property Investment', 'Rental income, flipping and real-estate investing.'),
  ('real-estate', 'commercial-real-estate', 'Commercial Real Estate', 'Offices, retail and industrial property.'),

  ('automotive', 'car-reviews', 'Car Reviews', 'New and used car reviews and comparisons.'),
  ('automotive', 'electric-vehicles', 'Electric Vehicles', 'EVs, hybrids, charging and range.'),
  ('automotive', 'car-maintenance', 'Car Maintenance & Repair', 'Servicing, repairs and troubleshooting.'),
  ('automotive', 'car-buying', 'Car Buying & Financing', 'Buying, leasing and financing a vehicle.'),
  ('automotive', 'motorcycles', 'Motorcycles', 'Bikes, riding gear and motorcycle maintenance.'),
  ('automotive', 'car-accessories', 'Car Accessories', 'Parts, tools, gadgets and upgrades.'),

  ('legal', 'family-law', 'Family Law', 'Divorce, custody, adoption and prenuptial agreements.'),
  ('legal', 'personal-injury', 'Personal Injury', 'Accidents, claims and compensation.'),
  ('legal', 'business-law', 'Business Law', 'Company formation, contracts and compliance.'),
  ('legal', 'immigration-law', 'Immigration Law', 'Visas, residency and citizenship.'),
  ('legal', 'criminal-law', 'Criminal Law', 'Criminal charges, defence and rights.'),
  ('legal', 'estate-planning', 'Estate Planning', 'Wills, trusts and probate.'),
  ('legal', 'employment-law', 'Employment Law', 'Workplace rights, contracts and disputes.'),

  ('marketing-advertising', 'seo', 'Search Engine Optimization', 'Ranking in search: technical, on-page and links.'),
  ('marketing-advertising', 'content-marketing', 'Content Marketing', 'Blogging, content strategy and distribution.'),
  ('marketing-advertising', 'social-media-marketing', 'Social Media Marketing', 'Organic and paid social strategy.'),
  ('marketing-advertising', 'email-marketing', 'Email Marketing', 'Newsletters, automation and deliverability.'),
  ('marketing-advertising', 'paid-advertising', 'Paid Advertising', 'Search, display and social ads (PPC).'),
  ('marketing-advertising', 'branding', 'Branding', 'Brand strategy, identity and positioning.'),
  ('marketing-advertising', 'affiliate-marketing', 'Affiliate Marketing', 'Affiliate programmes, partnerships and commissions.')
) as s (industry_slug, slug, name, description)
join industries i on i.slug = s.industry_slug;
