/**
 * Word lists for people and companies. Several hundred first × last combinations keep names varied
 * without any external data; the mix of origins matches the store's countries (see places.ts).
 */

export const FIRST_NAMES: readonly string[] = [
  'Maria', 'James', 'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'Lucas',
  'Isabella', 'Mateo', 'Mia', 'Ethan', 'Amelia', 'Benjamin', 'Harper', 'Henry', 'Evelyn', 'Alexander',
  'Charlotte', 'Daniel', 'Emily', 'Michael', 'Elizabeth', 'Robert', 'Sofia', 'William', 'Grace', 'David',
  'Chloe', 'Joseph', 'Victoria', 'Samuel', 'Hannah', 'Andrew', 'Natalie', 'Christopher', 'Zoe', 'Anthony',
  'Leah', 'Jonathan', 'Aaliyah', 'Nathan', 'Priya', 'Arjun', 'Ananya', 'Rohan', 'Mei', 'Wei',
  'Hiroshi', 'Yuki', 'Jin', 'Min-jun', 'Seo-yeon', 'Fatima', 'Omar', 'Aisha', 'Yusuf', 'Layla',
  'Carlos', 'Lucia', 'Diego', 'Valentina', 'Javier', 'Camila', 'Miguel', 'Gabriela', 'Alejandro', 'Paula',
  'Lukas', 'Lena', 'Felix', 'Anna', 'Jonas', 'Laura', 'Maximilian', 'Marie', 'Paul', 'Katharina',
  'Louis', 'Chloé', 'Hugo', 'Camille', 'Léa', 'Jules', 'Manon', 'Arthur', 'Inès', 'Théo',
  'Daan', 'Sanne', 'Sem', 'Fleur', 'Bram', 'Noor', 'Oliver', 'Isla', 'George', 'Poppy',
  'Harry', 'Freya', 'Jack', 'Imogen', 'Charlie', 'Siobhan', 'Connor', 'Niamh', 'Callum', 'Eilidh',
  'Kwame', 'Ama', 'Chidi', 'Ngozi', 'Tariq', 'Zainab', 'Dmitri', 'Olga', 'Piotr', 'Zofia',
  'Sven', 'Ingrid', 'Lars', 'Astrid', 'Mateus', 'Beatriz', "D'Arcy", 'Renée', 'José', 'Søren',
];

export const LAST_NAMES: readonly string[] = [
  'Lopez', 'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez',
  'Martinez', 'Hernandez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
  'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
  'Patel', 'Shah', 'Kumar', 'Singh', 'Chen', 'Wang', 'Li', 'Zhang', 'Kim', 'Park',
  'Tanaka', 'Sato', 'Suzuki', 'Khan', 'Ahmed', 'Hassan', 'Ali', 'Okafor', 'Mensah', 'Adeyemi',
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann', 'Schäfer',
  'Dubois', 'Durand', 'Lefebvre', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Garnier', 'Fontaine', 'Rousseau',
  'de Vries', 'Jansen', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'de Jong', 'Mulder', 'Bos', 'Vos',
  "O'Brien", "O'Connor", 'MacDonald', 'McKenzie', 'Murphy', 'Kelly', 'Evans', 'Hughes', 'Edwards', 'Price',
  'Kowalski', 'Nowak', 'Ivanov', 'Petrov', 'Johansson', 'Andersen', 'Nielsen', 'Silva', 'Santos', 'Costa',
  'Fernández', 'Gómez', 'Díaz', 'Ruiz', 'Álvarez', 'Romero', 'Navarro', 'Castillo', 'Ortiz', 'Vargas',
];

/** CRM users often type the short form of a name; used for the "slightly different details" of overlap contacts. */
export const NICKNAMES: Readonly<Record<string, string>> = {
  James: 'Jim', Robert: 'Bob', William: 'Will', Michael: 'Mike', Elizabeth: 'Liz', Christopher: 'Chris',
  Alexander: 'Alex', Benjamin: 'Ben', Daniel: 'Dan', Jonathan: 'Jon', Samuel: 'Sam', Andrew: 'Andy',
  Anthony: 'Tony', Joseph: 'Joe', Katharina: 'Kathi', Maximilian: 'Max', Victoria: 'Vicky', Nathan: 'Nate',
  Alejandro: 'Alex', Natalie: 'Nat', Gabriela: 'Gabi', Valentina: 'Vale',
};

export const JOB_TITLES: readonly string[] = [
  'Purchasing Manager', 'Procurement Specialist', 'Office Manager', 'Operations Director', 'Buyer',
  'Facilities Coordinator', 'IT Manager', 'Owner', 'Accounts Payable Clerk', 'Warehouse Supervisor',
  'Head of Procurement', 'Project Engineer', 'Store Manager', 'Maintenance Lead', 'CFO',
];

export const COMPANY_PREFIXES: readonly string[] = [
  'Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Wingtip', 'Adventure', 'Blue Yonder', 'Coho', 'Litware',
  'Lucerne', 'Proseware', 'Woodgrove', 'Alpine', 'Trey', 'Fourth Coffee', 'Margie', 'Humongous', 'Wide World',
  'Graphic', 'Southridge', 'Lamna', 'Relecloud', 'Datum', 'Consolidated', 'Bellows', 'Cedar Ridge',
  'Harbor', 'Ironbridge', 'Keystone', 'Lakeside', 'Meridian', 'Oakhurst', 'Pinecrest', 'Riverbend',
  'Summit', 'Trident', 'Union', 'Vantage', 'Westfield', 'Zenith', 'Lopez', 'Baker', 'Schmidt', 'Dubois',
];

export const COMPANY_SUFFIXES: readonly string[] = [
  'Logistics', 'Design', 'Industries', 'Traders', 'Supply', 'Engineering', 'Foods', 'Electric', 'Builders',
  'Studio', 'Labs', 'Outfitters', 'Hospitality', 'Medical', 'Systems', 'Partners', 'Works', 'Robotics',
];

/** Legal forms by country, so a German company reads "… GmbH" and a US one "… LLC". */
export const LEGAL_FORMS: Readonly<Record<string, readonly string[]>> = {
  US: ['LLC', 'Inc.', 'Corp.', 'Co.'],
  CA: ['Ltd.', 'Inc.'],
  GB: ['Ltd', 'PLC', 'LLP'],
  DE: ['GmbH', 'AG', 'GmbH & Co. KG'],
  FR: ['SARL', 'SAS', 'SA'],
  NL: ['B.V.', 'N.V.'],
  AU: ['Pty Ltd'],
};
