"""Names for the synthetic borough, by community, with the spelling variants that the same
name takes in different agencies' records (the truth the search and matching must see
through). Each entry is a group: the first spelling is the most common, the rest variants.
"""

# ---- Bangladeshi (mostly Sylheti-speaking) -------------------------------------------------
BANGLADESHI_BOYS = [
    ["Mohammed", "Muhammad", "Mohamed", "Mohammad", "Muhammed"],
    ["Abdul"],
    ["Ahmed", "Ahmad"],
    ["Ibrahim", "Ebrahim"],
    ["Yusuf", "Yousuf", "Eusuf"],
    ["Rayyan", "Rayan"],
    ["Ayaan", "Ayan"],
    ["Zakaria", "Zakariya", "Zakariyya"],
    ["Ismail", "Ismael"],
    ["Hamza", "Hamzah"],
    ["Imran"],
    ["Faisal", "Faysal"],
    ["Rahim", "Raheem"],
    ["Karim", "Kareem"],
    ["Shahid", "Shaheed"],
    ["Sadiq", "Sadik"],
    ["Tanvir", "Tanveer"],
    ["Rafiq", "Rafique"],
    ["Habib", "Habeeb"],
    ["Jamal"],
    ["Nabil", "Nabeel"],
    ["Saif", "Saiful"],
    ["Rubel"],
    ["Sohel", "Shohel"],
    ["Arif", "Arief"],
    ["Adnan"],
    ["Zayn", "Zain"],
    ["Idris", "Idrees"],
    ["Musa", "Moosa"],
    ["Isa", "Eesa"],
    ["Ali"],
    ["Aminul"],
    ["Shafiq", "Shafique"],
    ["Mahbub", "Mahboob"],
    ["Junaid", "Junayed"],
    ["Tahmid"],
    ["Nafis", "Nafees"],
    ["Ehsan", "Ihsan"],
]
BANGLADESHI_GIRLS = [
    ["Ayesha", "Aisha", "Aysha", "Ayeshah"],
    ["Fatima", "Fatema", "Fatimah"],
    ["Maryam", "Mariam", "Maryum"],
    ["Sumaiya", "Sumaya", "Sumayyah"],
    ["Tasnim", "Tasneem"],
    ["Nusrat"],
    ["Sadia", "Sadiya"],
    ["Jannat", "Jannatul"],
    ["Rubina", "Rubena"],
    ["Shamima", "Shameema"],
    ["Khadija", "Khadijah", "Khodeja"],
    ["Hafsa", "Hafsah"],
    ["Zara", "Zahra"],
    ["Amina", "Aminah"],
    ["Halima", "Halimah"],
    ["Safiya", "Safia", "Safiyyah"],
    ["Nadia", "Nadiya"],
    ["Tahmina", "Tahmeena"],
    ["Farhana"],
    ["Sabrina"],
    ["Salma", "Selma"],
    ["Rumana", "Rumena"],
    ["Shirin", "Sherin"],
    ["Anika", "Aniqa"],
    ["Lamia", "Lamiya"],
    ["Iman", "Eman"],
    ["Inaya", "Inaaya"],
    ["Hana", "Hanna"],
    ["Yasmin", "Yasmeen", "Jasmin"],
    ["Nazia", "Naziya"],
    ["Ruksana", "Rukhsana"],
]
BANGLADESHI_FAMILY_MALE = [
    ["Miah", "Mia", "Meah"],
    ["Ali"],
    ["Uddin", "Udin", "Uddeen"],
    ["Ahmed", "Ahmad"],
    ["Rahman", "Rahaman", "Rehman"],
    ["Hussain", "Hossain", "Hussein", "Husain"],
    ["Islam"],
    ["Khan"],
    ["Chowdhury", "Choudhury", "Chaudhry", "Chowdhary"],
    ["Hoque", "Haque", "Hoq"],
    ["Alam"],
    ["Karim"],
    ["Ullah", "Ulla"],
    ["Rashid", "Rasheed"],
    ["Amin"],
    ["Mahmud", "Mahmood"],
    ["Talukdar", "Talukder"],
    ["Sarkar", "Sarker"],
]
BANGLADESHI_FAMILY_FEMALE = [
    ["Begum", "Begom", "Bagum"],
    ["Khatun", "Khatoon", "Katun"],
    ["Bibi"],
    ["Akhtar", "Akter", "Akther"],
    ["Nessa", "Nesa"],
    ["Sultana"],
]

# ---- Somali: a child's family name is usually the father's given name --------------------
SOMALI_BOYS = [
    ["Mohamed", "Mohamud", "Mahamed", "Maxamed"],
    ["Abdi", "Abdee"],
    ["Abdullahi", "Abdulahi"],
    ["Ahmed", "Axmed"],
    ["Hassan", "Hasan", "Xasan"],
    ["Hussein", "Huseen", "Xuseen"],
    ["Ali", "Cali"],
    ["Omar", "Omer", "Cumar"],
    ["Yusuf", "Yuusuf"],
    ["Ismail", "Ismaaciil"],
    ["Farah", "Faarax"],
    ["Osman", "Cusmaan"],
    ["Aden", "Adan", "Aadan"],
    ["Abdirahman"],
    ["Liban", "Libaan"],
    ["Bilal", "Bilaal"],
    ["Khalid", "Khaalid"],
    ["Mustafe", "Mustafa"],
]
SOMALI_GIRLS = [
    ["Hodan", "Hodaan"],
    ["Ayan", "Ayaan"],
    ["Amina", "Aamina"],
    ["Fadumo", "Faduma", "Fatuma"],
    ["Hibaq", "Hibaaq"],
    ["Sahra", "Sahro", "Saxra"],
    ["Ifrah", "Ifraah"],
    ["Nimco", "Nimo"],
    ["Khadra", "Khadro"],
    ["Deeqa", "Deka"],
    ["Ikran", "Ikraan"],
    ["Sagal", "Sagaal"],
    ["Ubah", "Ubax"],
    ["Hamdi", "Xamdi"],
    ["Muna", "Munaa"],
    ["Layla", "Leyla", "Laila"],
]
SOMALI_FAMILY = [
    ["Warsame", "Warsama"],
    ["Jama", "Jaamac"],
    ["Abdi"],
    ["Mohamed", "Mohamud"],
    ["Hassan", "Xasan"],
    ["Farah", "Faarax"],
    ["Osman", "Cusmaan"],
    ["Ali", "Cali"],
    ["Ahmed", "Axmed"],
    ["Yusuf", "Yuusuf"],
    ["Aden", "Adan"],
    ["Elmi", "Cilmi"],
    ["Hirsi", "Xirsi"],
    ["Nur", "Nuur"],
    ["Ismail"],
    ["Omar", "Cumar"],
    ["Duale", "Dualeh"],
]

# ---- Chinese (Cantonese and Mandarin romanisations) ------------------------------------
CHINESE_BOYS = [
    ["Wei"],
    ["Jun", "Chun"],
    ["Hao", "Ho"],
    ["Ming"],
    ["Jie", "Kit"],
    ["Kai"],
    ["Yi", "Yee"],
    ["Chen"],
    ["Long", "Lung"],
    ["Tao", "To"],
    ["Ethan"],
    ["Jason"],
    ["Kevin"],
    ["Ryan"],
]
CHINESE_GIRLS = [
    ["Mei", "May"],
    ["Ling", "Lin"],
    ["Xin"],
    ["Yan"],
    ["Hui", "Wai"],
    ["Jing", "Ching"],
    ["Ying"],
    ["Fang", "Fong"],
    ["Yu", "Yue"],
    ["Chloe"],
    ["Grace"],
    ["Jessica"],
    ["Emily"],
]
CHINESE_FAMILY = [
    ["Wong", "Huang", "Wang"],
    ["Chan", "Chen"],
    ["Li", "Lee", "Lei"],
    ["Cheung", "Zhang"],
    ["Lau", "Liu"],
    ["Ng", "Wu"],
    ["Lam", "Lin"],
    ["Chow", "Zhou"],
    ["Yeung", "Yang"],
    ["Ho", "He"],
    ["Tang", "Deng"],
    ["Leung", "Liang"],
    ["Cheng", "Zheng"],
    ["Tse", "Xie"],
]

# ---- Vietnamese (diacritics often dropped by other agencies) ------------------------------
VIETNAMESE_BOYS = [
    ["Minh"],
    ["Tuấn", "Tuan"],
    ["Đức", "Duc"],
    ["Hùng", "Hung"],
    ["Nam"],
    ["Quang"],
    ["Thành", "Thanh"],
    ["Bảo", "Bao"],
    ["Khoa"],
    ["Long"],
    ["Phúc", "Phuc"],
    ["Huy"],
]
VIETNAMESE_GIRLS = [
    ["Linh"],
    ["Anh"],
    ["Thảo", "Thao"],
    ["Hương", "Huong"],
    ["Lan"],
    ["Mai"],
    ["Trang"],
    ["Ngọc", "Ngoc"],
    ["Hà", "Ha"],
    ["Vy", "Vi"],
    ["Thư", "Thu"],
    ["Nhi"],
]
VIETNAMESE_FAMILY = [
    ["Nguyễn", "Nguyen"],
    ["Trần", "Tran"],
    ["Lê", "Le"],
    ["Phạm", "Pham"],
    ["Hoàng", "Hoang"],
    ["Huỳnh", "Huynh"],
    ["Phan"],
    ["Vũ", "Vu"],
    ["Võ", "Vo"],
    ["Đặng", "Dang"],
    ["Bùi", "Bui"],
    ["Đỗ", "Do"],
    ["Ngô", "Ngo"],
]

# ---- White British and Irish -------------------------------------------------------------
BRITISH_BOYS = [
    ["Oliver", "Olly"],
    ["George"],
    ["Harry"],
    ["Jack"],
    ["Charlie"],
    ["Thomas", "Tom"],
    ["Jacob", "Jakob"],
    ["Alfie", "Alfy"],
    ["Freddie", "Freddy"],
    ["Archie"],
    ["Leo"],
    ["Oscar"],
    ["Henry"],
    ["Joshua"],
    ["James"],
    ["William"],
    ["Daniel"],
    ["Ethan"],
    ["Tyler", "Tylor"],
    ["Kai", "Kye"],
    ["Connor", "Conor"],
    ["Liam"],
    ["Sean", "Shaun"],
    ["Mason"],
    ["Lewis", "Louis"],
    ["Jayden", "Jaden", "Jaiden"],
    ["Callum", "Calum"],
]
BRITISH_GIRLS = [
    ["Olivia"],
    ["Amelia"],
    ["Isla", "Ayla"],
    ["Ava"],
    ["Emily"],
    ["Sophie", "Sofia"],
    ["Grace"],
    ["Mia", "Miya"],
    ["Poppy"],
    ["Ella"],
    ["Lily", "Lilly"],
    ["Evie", "Evi"],
    ["Isabella"],
    ["Jessica"],
    ["Chloe"],
    ["Ruby"],
    ["Millie", "Milly"],
    ["Charlotte"],
    ["Leah", "Lea"],
    ["Kayleigh", "Kayley", "Kaylee"],
    ["Megan", "Meghan"],
    ["Caitlin", "Katelyn"],
    ["Siobhan", "Shivaun"],
    ["Niamh", "Neve"],
]
BRITISH_FAMILY = [
    ["Smith", "Smyth"],
    ["Jones"],
    ["Taylor"],
    ["Brown"],
    ["Williams"],
    ["Wilson"],
    ["Johnson", "Johnston"],
    ["Davies", "Davis"],
    ["Robinson"],
    ["Wright"],
    ["Thompson"],
    ["Evans"],
    ["Walker"],
    ["White"],
    ["Roberts"],
    ["Green"],
    ["Hall"],
    ["Wood"],
    ["Jackson"],
    ["Clarke", "Clark"],
    ["Harris"],
    ["Lewis"],
    ["Cooper"],
    ["King"],
    ["Murphy"],
    ["O'Brien", "OBrien", "O Brien"],
    ["Kelly"],
    ["Walsh"],
    ["Byrne"],
    ["Phillips", "Philips"],
    ["Matthews", "Mathews"],
    ["Stevens", "Stephens"],
]

# ---- Other White (mostly Eastern and Southern European) ----------------------------------
EUROPEAN_BOYS = [
    ["Jakub", "Jacob"],
    ["Filip", "Philip"],
    ["Mateusz"],
    ["Andrei", "Andrey"],
    ["Luca"],
    ["Marco"],
    ["Adrian"],
    ["Mihai"],
    ["Kacper"],
    ["Dawid", "David"],
]
EUROPEAN_GIRLS = [
    ["Zuzanna", "Susanna"],
    ["Maja", "Maya"],
    ["Julia", "Yulia"],
    ["Elena", "Helena"],
    ["Ioana", "Joana"],
    ["Alessia"],
    ["Natalia", "Natalya"],
    ["Wiktoria", "Victoria"],
]
EUROPEAN_FAMILY = [
    ["Kowalski", "Kowalsky"],
    ["Nowak"],
    ["Wiśniewski", "Wisniewski"],
    ["Popescu"],
    ["Ionescu"],
    ["Rossi"],
    ["Ferreira", "Pereira"],
    ["Silva"],
    ["Kovács", "Kovacs"],
    ["Horvat"],
    ["Petrov"],
    ["Novak"],
]

# ---- Black African (Nigerian, Ghanaian, Eritrean, ...) and Caribbean --------------------
AFRICAN_BOYS = [
    ["Oluwaseun", "Seun"],
    ["Chinedu"],
    ["Kwame"],
    ["Kofi"],
    ["Emmanuel"],
    ["David"],
    ["Samuel"],
    ["Daniel"],
    ["Tobi", "Tobiloba"],
    ["Yaw"],
    ["Femi"],
    ["Tyrese", "Tyreece"],
]
AFRICAN_GIRLS = [
    ["Adaeze"],
    ["Chiamaka"],
    ["Abena"],
    ["Ama"],
    ["Grace"],
    ["Blessing"],
    ["Precious"],
    ["Favour"],
    ["Deborah"],
    ["Esther"],
    ["Shanice", "Shaniece"],
    ["Keisha", "Kesha"],
]
AFRICAN_FAMILY = [
    ["Adeyemi"],
    ["Okafor"],
    ["Mensah"],
    ["Boateng"],
    ["Owusu"],
    ["Adebayo"],
    ["Okonkwo"],
    ["Asante"],
    ["Tesfaye"],
    ["Campbell"],
    ["Francis"],
    ["Gordon"],
    ["Oyelaran"],
    ["Bello"],
    ["Ogunleye"],
]

# ---- Other Asian (Indian, Pakistani) ------------------------------------------------------
SOUTH_ASIAN_BOYS = [
    ["Arjun"],
    ["Rohan"],
    ["Aryan"],
    ["Hassan", "Hasan"],
    ["Usman", "Osman"],
    ["Bilal"],
    ["Zain", "Zayn"],
    ["Aarav", "Arav"],
]
SOUTH_ASIAN_GIRLS = [
    ["Priya"],
    ["Anaya", "Annaya"],
    ["Zainab", "Zaynab"],
    ["Aleena", "Alina"],
    ["Simran"],
    ["Mehreen", "Mehrin"],
    ["Aanya", "Anya"],
]
SOUTH_ASIAN_FAMILY = [
    ["Patel"],
    ["Shah"],
    ["Singh"],
    ["Kaur"],
    ["Sharma"],
    ["Malik"],
    ["Iqbal"],
    ["Butt", "Bhatt"],
    ["Qureshi", "Kureshi"],
    ["Akram"],
]


# Community -> (DfE ethnicity code, first language code, religion, share of the borough's
# children, boys, girls, family names). Shares follow DOMAIN.md's picture of Tower Hamlets.
COMMUNITIES = {
    "bangladeshi": ("ABAN", "BNGS", "MUSLIM", 0.40),
    "white_british": ("WBRI", "ENG", "NONE", 0.17),
    "white_other": ("WOTH", "POL", "CHRISTIAN", 0.07),
    "somali": ("BAFR", "SOM", "MUSLIM", 0.07),
    "african": ("BAFR", "ENG", "CHRISTIAN", 0.08),
    "caribbean": ("BCRB", "ENG", "CHRISTIAN", 0.03),
    "chinese": ("CHNE", "CHIC", "NONE", 0.04),
    "vietnamese": ("AOTH", "VIE", "BUDDHIST", 0.02),
    "south_asian": ("APKN", "URD", "MUSLIM", 0.05),
    "mixed": ("MOTH", "ENG", "NONE", 0.07),
}

GIVEN_NAMES = {
    "bangladeshi": (BANGLADESHI_BOYS, BANGLADESHI_GIRLS),
    "white_british": (BRITISH_BOYS, BRITISH_GIRLS),
    "white_other": (EUROPEAN_BOYS, EUROPEAN_GIRLS),
    "somali": (SOMALI_BOYS, SOMALI_GIRLS),
    "african": (AFRICAN_BOYS, AFRICAN_GIRLS),
    "caribbean": (AFRICAN_BOYS[-4:] + BRITISH_BOYS[:8], AFRICAN_GIRLS[-4:] + BRITISH_GIRLS[:8]),
    "chinese": (CHINESE_BOYS, CHINESE_GIRLS),
    "vietnamese": (VIETNAMESE_BOYS, VIETNAMESE_GIRLS),
    "south_asian": (SOUTH_ASIAN_BOYS, SOUTH_ASIAN_GIRLS),
    "mixed": (BRITISH_BOYS + AFRICAN_BOYS, BRITISH_GIRLS + AFRICAN_GIRLS),
}

FAMILY_NAMES = {
    "white_british": BRITISH_FAMILY,
    "white_other": EUROPEAN_FAMILY,
    "african": AFRICAN_FAMILY,
    "caribbean": AFRICAN_FAMILY[-6:] + BRITISH_FAMILY[:10],
    "chinese": CHINESE_FAMILY,
    "vietnamese": VIETNAMESE_FAMILY,
    "south_asian": SOUTH_ASIAN_FAMILY,
    "mixed": BRITISH_FAMILY + AFRICAN_FAMILY,
}


def variants_of(name: str) -> list[str]:
    """Every spelling of `name` that the lists above hold (itself included)."""
    return _VARIANTS.get(name, [name])


def _index() -> dict[str, list[str]]:
    groups = [
        g
        for lists in (
            *[pair[0] + pair[1] for pair in GIVEN_NAMES.values()],
            *FAMILY_NAMES.values(),
            BANGLADESHI_FAMILY_MALE,
            BANGLADESHI_FAMILY_FEMALE,
            SOMALI_FAMILY,
        )
        for g in lists
    ]
    index: dict[str, list[str]] = {}
    for group in groups:
        for spelling in group:
            index.setdefault(spelling, [])
            for other in group:
                if other not in index[spelling]:
                    index[spelling].append(other)
    return index


_VARIANTS = _index()
