"""Code lists used across everychild, taken from the Department for Education (DfE).

Each enum is a Django ``TextChoices``. The stored *value* is always the official
DfE code (as sent in the CIN census, SSDA903 or school census returns), so data
can be exported without translation. The *label* is the plain-English wording
shown to practitioners. ``Religion`` is the one exception: the DfE does not
collect it, so it follows the ONS Census 2021 categories with local codes.
"""

from django.db import models

# Source: DfE CIN census XSD, <ethnicitytype> (same codes and wording in the
# SSDA903 guide). Checked in SocialFinanceDigitalLabs/liia-tools-pipeline
# liiatools/cin_census_pipeline/spec/CIN_schema_2025.xsd and CIN_schema_2026.xsd,
# and SocialFinanceDigitalLabs/liia-tools
# liiatools/ssda903_pipeline/spec/SSDA903_schema_2016.yml (ETHNIC).
# Group names are prefixed where the DfE wording alone is ambiguous.


class Ethnicity(models.TextChoices):
    WHITE_BRITISH = "WBRI", "White British"
    WHITE_IRISH = "WIRI", "White Irish"
    TRAVELLER_OF_IRISH_HERITAGE = "WIRT", "Traveller of Irish heritage"
    WHITE_OTHER = "WOTH", "Any other White background"
    GYPSY_ROMA = "WROM", "Gypsy/Roma"
    WHITE_AND_BLACK_CARIBBEAN = "MWBC", "Mixed - White and Black Caribbean"
    WHITE_AND_BLACK_AFRICAN = "MWBA", "Mixed - White and Black African"
    WHITE_AND_ASIAN = "MWAS", "Mixed - White and Asian"
    MIXED_OTHER = "MOTH", "Any other mixed background"
    INDIAN = "AIND", "Asian or Asian British - Indian"
    PAKISTANI = "APKN", "Asian or Asian British - Pakistani"
    BANGLADESHI = "ABAN", "Asian or Asian British - Bangladeshi"
    ASIAN_OTHER = "AOTH", "Any other Asian background"
    CARIBBEAN = "BCRB", "Black or Black British - Caribbean"
    AFRICAN = "BAFR", "Black or Black British - African"
    BLACK_OTHER = "BOTH", "Any other Black background"
    CHINESE = "CHNE", "Chinese"
    OTHER_ETHNIC_GROUP = "OOTH", "Any other ethnic group"
    REFUSED = "REFU", "Refused"
    NOT_OBTAINED = "NOBT", "Information not yet obtained"


# Source: CIN census 2024-25 onward, <Sex> (N00783), replacing <GenderCurrent>.
# Checked in SocialFinanceDigitalLabs/liia-tools-pipeline
# liiatools/cin_census_pipeline/spec/CIN_schema_2025.xsd and CIN_schema_2026.xsd
# (<sextype>: M male, F female, U unknown) and data-to-insight/csc-validator-be-cin
# cin_validator/rules/cin2024_25/rule_4180.py and rule_8750.py.


class Gender(models.TextChoices):
    """Sex of the child as recorded for the CIN census from 2024-25 onward.

    ``U`` means unknown; the DfE requires it for an unborn child (validation
    rule 8750). Census years up to 2023-24 used <GenderCurrent> with numeric
    codes 1 (male), 2 (female), 0 (not recorded or unborn) and 9
    (indeterminate); see ``LEGACY_GENDER_CODES``.
    """

    MALE = "M", "Male"
    FEMALE = "F", "Female"
    UNKNOWN = "U", "Unknown"


# Current code -> pre-2024 <GenderCurrent> code in the CIN XSD (<gendertype> in
# SocialFinanceDigitalLabs/liia-tools liiatools/cin_census_pipeline/spec/
# CIN_schema_2024.xsd). Legacy 9 (indeterminate) has no current equivalent.
LEGACY_GENDER_CODES: dict[str, str] = {
    "M": "1",
    "F": "2",
    "U": "0",
}

# Source: DfE CIN census XSD, <disabilitytype>, unchanged 2023-24 to 2025-26.
# Checked in SocialFinanceDigitalLabs/liia-tools
# liiatools/cin_census_pipeline/spec/CIN_schema_2024.xsd and
# SocialFinanceDigitalLabs/liia-tools-pipeline .../CIN_schema_2026.xsd.


class Disability(models.TextChoices):
    NONE = "NONE", "No disability"
    MOBILITY = "MOB", "Mobility"
    HAND_FUNCTION = "HAND", "Hand function"
    PERSONAL_CARE = "PC", "Personal care"
    INCONTINENCE = "INC", "Incontinence"
    COMMUNICATION = "COMM", "Communication"
    LEARNING = "LD", "Learning"
    HEARING = "HEAR", "Hearing"
    VISION = "VIS", "Vision"
    BEHAVIOUR = "BEH", "Behaviour"
    CONSCIOUSNESS = "CON", "Consciousness"
    AUTISM = "AUT", "Autism"
    OTHER = "DDA", "Other"


# Source: ONS Census 2021 religion question (England and Wales): the eight
# tick-box answers plus "not answered". Not a DfE list; codes are local.


class Religion(models.TextChoices):
    NONE = "NONE", "No religion"
    CHRISTIAN = "CHRISTIAN", "Christian"
    BUDDHIST = "BUDDHIST", "Buddhist"
    HINDU = "HINDU", "Hindu"
    JEWISH = "JEWISH", "Jewish"
    MUSLIM = "MUSLIM", "Muslim"
    SIKH = "SIKH", "Sikh"
    OTHER = "OTHER", "Any other religion"
    NOT_STATED = "NOT_STATED", "Not stated or refused"


# Source: DfE school census first-language code set (CBDS extended list).
# Checked against the CBDS-derived list in a public school MIS (ClaSS
# "codes from CBDS 2007") and a local authority copy of the DfE code set
# (docsbay.net/jan-18-additional-notes-language-codes). The first six are the
# summary codes schools may use instead of a specific language; ZZZ is the
# CBDS "classification pending" code.


class Language(models.TextChoices):
    ENGLISH = "ENG", "English"
    BELIEVED_ENGLISH = "ENB", "Believed to be English"
    OTHER_THAN_ENGLISH = "OTL", "Other than English"
    BELIEVED_OTHER_THAN_ENGLISH = "OTB", "Believed to be other than English"
    NOT_OBTAINED = "NOT", "Information not obtained"
    REFUSED = "REF", "Refused"
    CLASSIFICATION_PENDING = "ZZZ", "Classification pending"
    ACHOLI = "ACL", "Acholi"
    ADANGME = "ADA", "Adangme"
    AFAR_SAHO = "AFA", "Afar-Saho"
    AFRIKAANS = "AFK", "Afrikaans"
    AKAN_TWI_FANTE = "AKA", "Akan/Twi-Fante"
    AKAN_FANTE = "AKAF", "Akan (Fante)"
    AKAN_TWI_ASANTE = "AKAT", "Akan (Twi/Asante)"
    ALBANIAN_SHQIP = "ALB", "Albanian/Shqip"
    ALUR = "ALU", "Alur"
    AMHARIC = "AMR", "Amharic"
    ARABIC = "ARA", "Arabic"
    ARABIC_ANY_OTHER = "ARAA", "Arabic (any other)"
    ARABIC_ALGERIA = "ARAG", "Arabic (Algeria)"
    ARABIC_IRAQ = "ARAI", "Arabic (Iraq)"
    ARABIC_MOROCCO = "ARAM", "Arabic (Morocco)"
    ARABIC_SUDAN = "ARAS", "Arabic (Sudan)"
    ARABIC_YEMEN = "ARAY", "Arabic (Yemen)"
    ARMENIAN = "ARM", "Armenian"
    ASSAMESE = "ASM", "Assamese"
    ASSYRIAN_ARAMAIC = "ASR", "Assyrian/Aramaic"
    ANYI_BAULE = "AYB", "Anyi-Baule"
    AYMARA = "AYM", "Aymara"
    AZERI = "AZE", "Azeri"
    BAMILEKE_ANY = "BAI", "Bamileke (any)"
    BALOCHI = "BAL", "Balochi"
    BEJA_BEDAWI = "BEJ", "Beja/Bedawi"
    BELARUSIAN = "BEL", "Belarusian"
    BEMBA = "BEM", "Bemba"
    BHOJPURI = "BHO", "Bhojpuri"
    BIKOL = "BIK", "Bikol"
    BALTI_TIBETAN = "BLT", "Balti Tibetan"
    BURMESE_MYANMA = "BMA", "Burmese/Myanma"
    BENGALI = "BNG", "Bengali"
    BENGALI_ANY_OTHER = "BNGA", "Bengali (any other)"
    BENGALI_CHITTAGONG_NOAKHALI = "BNGC", "Bengali (Chittagong/Noakhali)"
    BENGALI_SYLHETI = "BNGS", "Bengali (Sylheti)"
    BRITISH_SIGN_LANGUAGE = "BSL", "British Sign Language"
    BASQUE_EUSKARA = "BSQ", "Basque/Euskara"
    BULGARIAN = "BUL", "Bulgarian"
    CAMBODIAN_KHMER = "CAM", "Cambodian/Khmer"
    CATALAN_VALENCIAN = "CAT", "Catalan/Valencian"
    CARIBBEAN_CREOLE_ENGLISH = "CCE", "Caribbean Creole English"
    CARIBBEAN_CREOLE_FRENCH = "CCF", "Caribbean Creole French"
    CHAGA = "CGA", "Chaga"
    CHATTISGARHI_KHATAHI = "CGR", "Chattisgarhi/Khatahi"
    CHECHEN = "CHE", "Chechen"
    CHINESE = "CHI", "Chinese"
    CHINESE_ANY_OTHER = "CHIA", "Chinese (any other)"
    CHINESE_CANTONESE = "CHIC", "Chinese (Cantonese)"
    CHINESE_HOKKIEN_FUJIANESE = "CHIH", "Chinese (Hokkien/Fujianese)"
    CHINESE_HAKKA = "CHIK", "Chinese (Hakka)"
    CHINESE_MANDARIN_PUTONGHUA = "CHIM", "Chinese (Mandarin/Putonghua)"
    CHOKWE = "CKW", "Chokwe"
    CORNISH = "CRN", "Cornish"
    CHITRALI_KHOWAR = "CTR", "Chitrali/Khowar"
    CHICHEWA_NYANJA = "CWA", "Chichewa/Nyanja"
    WELSH_CYMRAEG = "CYM", "Welsh/Cymraeg"
    CZECH = "CZE", "Czech"
    DANISH = "DAN", "Danish"
    DAGAARE = "DGA", "Dagaare"
    DAGBANE = "DGB", "Dagbane"
    DINKA_JIENG = "DIN", "Dinka/Jieng"
    DUTCH_FLEMISH = "DUT", "Dutch/Flemish"
    DZONGKHA_BHUTANESE = "DZO", "Dzongkha/Bhutanese"
    EBIRA = "EBI", "Ebira"
    EDO_BINI = "EDO", "Edo/Bini"
    EFIK_IBIBIO = "EFI", "Efik-Ibibio"
    ESAN_ISHAN = "ESA", "Esan/Ishan"
    ESTONIAN = "EST", "Estonian"
    EWE = "EWE", "Ewe"
    EWONDO = "EWO", "Ewondo"
    FANG = "FAN", "Fang"
    FIJIAN = "FIJ", "Fijian"
    FINNISH = "FIN", "Finnish"
    FON = "FON", "Fon"
    FRENCH = "FRN", "French"
    FULA_FULFULDE_PULAAR = "FUL", "Fula/Fulfulde-Pulaar"
    GA = "GAA", "Ga"
    GAELIC_IRISH = "GAE", "Gaelic/Irish"
    GAELIC_SCOTLAND = "GAL", "Gaelic (Scotland)"
    GEORGIAN = "GEO", "Georgian"
    GERMAN = "GER", "German"
    GOGO_CHIGOGO = "GGO", "Gogo/Chigogo"
    KIKUYU_GIKUYU = "GKY", "Kikuyu/Gikuyu"
    GALICIAN_GALEGO = "GLG", "Galician/Galego"
    GREEK = "GRE", "Greek"
    GREEK_ANY_OTHER = "GREA", "Greek (any other)"
    GREEK_CYPRUS = "GREC", "Greek (Cyprus)"
    GUARANI = "GRN", "Guarani"
    GUJARATI = "GUJ", "Gujarati"
    GURENNE_FRAFRA = "GUN", "Gurenne/Frafra"
    GURMA = "GUR", "Gurma"
    HAUSA = "HAU", "Hausa"
    HINDKO = "HDK", "Hindko"
    HEBREW = "HEB", "Hebrew"
    HERERO = "HER", "Herero"
    HUNGARIAN = "HGR", "Hungarian"
    HINDI = "HIN", "Hindi"
    IBAN = "IBA", "Iban"
    IDOMA = "IDM", "Idoma"
    IGALA = "IGA", "Igala"
    IGBO = "IGB", "Igbo"
    IJO_ANY = "IJO", "Ijo (any)"
    ILOKANO = "ILO", "Ilokano"
    ITSEKIRI = "ISK", "Itsekiri"
    ICELANDIC = "ISL", "Icelandic"
    ITALIAN = "ITA", "Italian"
    ITALIAN_ANY_OTHER = "ITAA", "Italian (any other)"
    ITALIAN_NAPOLETAN = "ITAN", "Italian (Napoletan)"
    ITALIAN_SICILIAN = "ITAS", "Italian (Sicilian)"
    JAVANESE = "JAV", "Javanese"
    JINGHPAW_KACHIN = "JIN", "Jinghpaw/Kachin"
    JAPANESE = "JPN", "Japanese"
    KIKAMBA = "KAM", "Kikamba"
    KANNADA = "KAN", "Kannada"
    KAREN_ANY = "KAR", "Karen (any)"
    KASHMIRI = "KAS", "Kashmiri"
    KANURI = "KAU", "Kanuri"
    KAZAKH = "KAZ", "Kazakh"
    KATCHI = "KCH", "Katchi"
    KIRGHIZ_KYRGYZ = "KGZ", "Kirghiz/Kyrgyz"
    KHASI = "KHA", "Khasi"
    KIHAYA_LUZIBA = "KHY", "Kihaya/Luziba"
    KINYARWANDA = "KIN", "Kinyarwanda"
    KIRUNDI = "KIR", "Kirundi"
    KISI_WEST_AFRICA = "KIS", "Kisi (West Africa)"
    KALENJIN = "KLN", "Kalenjin"
    KIMBUNDU = "KMB", "Kimbundu"
    KIMERU = "KME", "Kimeru"
    KONKANI = "KNK", "Konkani"
    KINYAKYUSA_NGONDE = "KNY", "Kinyakyusa-Ngonde"
    KIKONGO = "KON", "Kikongo"
    KOREAN = "KOR", "Korean"
    KPELLE = "KPE", "Kpelle"
    KRIO = "KRI", "Krio"
    KRU_ANY = "KRU", "Kru (any)"
    KISII_EKEGUSII_KENYA = "KSI", "Kisii/Ekegusii (Kenya)"
    KISUKUMA = "KSU", "Kisukuma"
    KURDISH = "KUR", "Kurdish"
    KURDISH_ANY_OTHER = "KURA", "Kurdish (any other)"
    KURDISH_KURMANJI = "KURM", "Kurdish (Kurmanji)"
    KURDISH_SORANI = "KURS", "Kurdish (Sorani)"
    LAO = "LAO", "Lao"
    LUBA = "LBA", "Luba"
    LUBA_CHILUBA_TSHILUBA = "LBAC", "Luba (Chiluba/Tshiluba)"
    LUBA_KILUBA = "LBAK", "Luba (Kiluba)"
    LUGANDA = "LGA", "Luganda"
    LUGBARA = "LGB", "Lugbara"
    LUGISU_LUMASABA = "LGS", "Lugisu/Lumasaba"
    LINGALA = "LIN", "Lingala"
    LITHUANIAN = "LIT", "Lithuanian"
    LANGO_UGANDA = "LNG", "Lango (Uganda)"
    LOZI_SILOZI = "LOZ", "Lozi/Silozi"
    LUSOGA = "LSO", "Lusoga"
    LATVIAN = "LTV", "Latvian"
    LUXEMBURGISH = "LTZ", "Luxemburgish"
    LUVALE_LUENA = "LUE", "Luvale/Luena"
    LUNDA = "LUN", "Lunda"
    LUO_KENYA_TANZANIA = "LUO", "Luo (Kenya/Tanzania)"
    LUHYA_ANY = "LUY", "Luhya (any)"
    MAGAHI = "MAG", "Magahi"
    MAITHILI = "MAI", "Maithili"
    MAKUA = "MAK", "Makua"
    MANDING_MALINKE = "MAN", "Manding/Malinke"
    MANDING_MALINKE_ANY_OTHER = "MANA", "Manding/Malinke (any other)"
    BAMBARA = "MANB", "Bambara"
    DYULA_JULA = "MANJ", "Dyula/Jula"
    MAORI = "MAO", "Maori"
    MARATHI = "MAR", "Marathi"
    MAASAI = "MAS", "Maasai"
    MALDIVIAN_DHIVEHI = "MDV", "Maldivian/Dhivehi"
    MENDE = "MEN", "Mende"
    MACEDONIAN = "MKD", "Macedonian"
    MALAGASY = "MLG", "Malagasy"
    MALAYALAM = "MLM", "Malayalam"
    MALTESE = "MLT", "Maltese"
    MALAY_INDONESIAN = "MLY", "Malay/Indonesian"
    MALAY_ANY_OTHER = "MLYA", "Malay (any other)"
    INDONESIAN_BAHASA_INDONESIA = "MLYI", "Indonesian/Bahasa Indonesia"
    MAGINDANAO_MARANAO = "MNA", "Magindanao-Maranao"
    MONGOLIAN_KHALKHA = "MNG", "Mongolian (Khalkha)"
    MANX_GAELIC = "MNX", "Manx Gaelic"
    MOORE_MOSSI = "MOR", "Moore/Mossi"
    MAURITIAN_SEYCHELLES_CREOLE = "MSC", "Mauritian/Seychelles Creole"
    MUNDA_ANY = "MUN", "Munda (any)"
    MAYA_ANY = "MYA", "Maya (any)"
    NAHUATL_MEXICANO = "NAH", "Nahuatl/Mexicano"
    NAMA_DAMARA = "NAM", "Nama/Damara"
    NUBIAN_ANY = "NBN", "Nubian (any)"
    NDEBELE = "NDB", "Ndebele"
    NDEBELE_SOUTH_AFRICA = "NDBS", "Ndebele (South Africa)"
    NDEBELE_ZIMBABWE = "NDBZ", "Ndebele (Zimbabwe)"
    NEPALI = "NEP", "Nepali"
    NORWEGIAN = "NOR", "Norwegian"
    NUER_NAADH = "NUE", "Nuer/Naadh"
    NUPE = "NUP", "Nupe"
    NEWARI = "NWA", "Newari"
    NZEMA = "NZM", "Nzema"
    AMBO_OSHIWAMBO = "OAM", "Ambo/Oshiwambo"
    AMBO_KWANYAMA = "OAMK", "Ambo (Kwanyama)"
    AMBO_NDONGA = "OAMN", "Ambo (Ndonga)"
    OGONI_ANY = "OGN", "Ogoni (any)"
    ORIYA = "ORI", "Oriya"
    OROMO = "ORM", "Oromo"
    PANGASINAN = "PAG", "Pangasinan"
    PAMPANGAN = "PAM", "Pampangan"
    PASHTO_PAKHTO = "PAT", "Pashto/Pakhto"
    PAHARI_HIMACHALI_INDIA = "PHA", "Pahari/Himachali (India)"
    PAHARI_PAKISTAN = "PHR", "Pahari (Pakistan)"
    PANJABI = "PNJ", "Panjabi"
    PANJABI_ANY_OTHER = "PNJA", "Panjabi (any other)"
    PANJABI_GURMUKHI = "PNJG", "Panjabi (Gurmukhi)"
    PANJABI_MIRPURI = "PNJM", "Panjabi (Mirpuri)"
    PANJABI_POTHWARI = "PNJP", "Panjabi (Pothwari)"
    POLISH = "POL", "Polish"
    PORTUGUESE = "POR", "Portuguese"
    PORTUGUESE_ANY_OTHER = "PORA", "Portuguese (any other)"
    PORTUGUESE_BRAZIL = "PORB", "Portuguese (Brazil)"
    PERSIAN_FARSI = "PRS", "Persian/Farsi"
    FARSI_PERSIAN_ANY_OTHER = "PRSA", "Farsi/Persian (any other)"
    DARI_PERSIAN = "PRSD", "Dari Persian"
    TAJIKI_PERSIAN = "PRST", "Tajiki Persian"
    QUECHUA = "QUE", "Quechua"
    RAJASTHANI_MARWARI = "RAJ", "Rajasthani/Marwari"
    ROMANY_ENGLISH_ROMANES = "RME", "Romany/English Romanes"
    ROMANI_INTERNATIONAL = "RMI", "Romani (International)"
    ROMANIAN = "RMN", "Romanian"
    ROMANIAN_MOLDOVA = "RMNM", "Romanian (Moldova)"
    ROMANIAN_ROMANIA = "RMNR", "Romanian (Romania)"
    ROMANSCH = "RMS", "Romansch"
    RUNYAKITARA = "RNY", "Runyakitara"
    RUNYANKORE_RUCHIGA = "RNYN", "Runyankore-Ruchiga"
    RUNYORO_RUTOORO = "RNYO", "Runyoro-Rutooro"
    RUSSIAN = "RUS", "Russian"
    SAMOAN = "SAM", "Samoan"
    SERBIAN_CROATIAN_BOSNIAN = "SCB", "Serbian/Croatian/Bosnian"
    BOSNIAN = "SCBB", "Bosnian"
    CROATIAN = "SCBC", "Croatian"
    SERBIAN = "SCBS", "Serbian"
    SCOTS = "SCO", "Scots"
    SHILLUK_CHOLO = "SHL", "Shilluk/Cholo"
    SHONA = "SHO", "Shona"
    SIDAMO = "SID", "Sidamo"
    SIGN_LANGUAGE_OTHER = "SIO", "Sign language (other)"
    SLOVAK = "SLO", "Slovak"
    SLOVENIAN = "SLV", "Slovenian"
    SINDHI = "SND", "Sindhi"
    SANGO = "SNG", "Sango"
    SINHALA = "SNH", "Sinhala"
    SOMALI = "SOM", "Somali"
    SPANISH = "SPA", "Spanish"
    SARDINIAN = "SRD", "Sardinian"
    SIRAIKI = "SRK", "Siraiki"
    SOTHO_SESOTHO = "SSO", "Sotho/Sesotho"
    SOTHO_SESOTHO_SOUTHERN = "SSOO", "Sotho/Sesotho (Southern)"
    SOTHO_SESOTHO_NORTHERN = "SSOT", "Sotho/Sesotho (Northern)"
    SWAZI_SISWATI = "SSW", "Swazi/Siswati"
    TSWANA_SETSWANA = "STS", "Tswana/Setswana"
    SUNDANESE = "SUN", "Sundanese"
    SWAHILI_KISWAHILI = "SWA", "Swahili/Kiswahili"
    SWAHILI_ANY_OTHER = "SWAA", "Swahili (any other)"
    COMORIAN_SWAHILI = "SWAC", "Comorian Swahili"
    SWAHILI_KINGWANA = "SWAK", "Swahili (Kingwana)"
    SWAHILI_BRAVA_MWIINI = "SWAM", "Swahili (Brava/Mwiini)"
    SWAHILI_BAJUNI_TIKUU = "SWAT", "Swahili (Bajuni/Tikuu)"
    SWEDISH = "SWE", "Swedish"
    TAMIL = "TAM", "Tamil"
    TELUGU = "TEL", "Telugu"
    TEMNE = "TEM", "Temne"
    TESO_ATESO = "TES", "Teso/Ateso"
    TIGRE = "TGE", "Tigre"
    TAGALOG_FILIPINO = "TGL", "Tagalog/Filipino"
    FILIPINO = "TGLF", "Filipino"
    TAGALOG = "TGLG", "Tagalog"
    TIGRINYA = "TGR", "Tigrinya"
    THAI = "THA", "Thai"
    TIBETAN = "TIB", "Tibetan"
    TIV = "TIV", "Tiv"
    BERBER_TAMAZIGHT = "TMZ", "Berber/Tamazight"
    BERBER_TAMAZIGHT_ANY_OTHER = "TMZA", "Berber/Tamazight (any other)"
    BERBER_TAMAZIGHT_KABYLE = "TMZK", "Berber/Tamazight (Kabyle)"
    BERBER_TAMASHEK = "TMZT", "Berber (Tamashek)"
    TONGA_CHITONGA_ZAMBIA = "TNG", "Tonga/Chitonga (Zambia)"
    TONGAN_OCEANIA = "TON", "Tongan (Oceania)"
    TOK_PISIN = "TPI", "Tok Pisin"
    TRAVELLER_IRISH_SHELTA = "TRI", "Traveller Irish/Shelta"
    TSONGA = "TSO", "Tsonga"
    TURKMEN = "TUK", "Turkmen"
    TULU = "TUL", "Tulu"
    TUMBUKA = "TUM", "Tumbuka"
    TURKISH = "TUR", "Turkish"
    UKRAINIAN = "UKR", "Ukrainian"
    UMBUNDU = "UMB", "Umbundu"
    URDU = "URD", "Urdu"
    URHOBO_ISOKO = "URH", "Urhobo-Isoko"
    UYGHUR = "UYG", "Uyghur"
    UZBEK = "UZB", "Uzbek"
    VENDA = "VEN", "Venda"
    VIETNAMESE = "VIE", "Vietnamese"
    VISAYAN_BISAYA = "VSY", "Visayan/Bisaya"
    VISAYAN_BISAYA_ANY_OTHER = "VSYA", "Visayan/Bisaya (any other)"
    HILIGAYNON = "VSYH", "Hiligaynon"
    CEBUANO_SUGBUANON = "VSYS", "Cebuano/Sugbuanon"
    WARAY_BINISAYA = "VSYW", "Waray/Binisaya"
    WA_PARAOK_SOUTH_EAST_ASIA = "WAP", "Wa-Paraok (South-East Asia)"
    WEST_AFRICAN_CREOLE_PORTUGUESE = "WCP", "West-African Creole Portuguese"
    WOLOF = "WOL", "Wolof"
    WEST_AFRICAN_PIDGIN_ENGLISH = "WPE", "West-African Pidgin English"
    XHOSA = "XHO", "Xhosa"
    YAO_CHIYAO_EAST_AFRICA = "YAO", "Yao/Chiyao (East Africa)"
    YIDDISH = "YDI", "Yiddish"
    YORUBA = "YOR", "Yoruba"
    ZANDE = "ZND", "Zande"
    ZULU = "ZUL", "Zulu"


# Source: DfE CIN census XSD, <primaryneedcodetype> (<PrimaryNeedCode>). Checked in
# SocialFinanceDigitalLabs/liia-tools liiatools/cin_census_pipeline/spec/CIN_schema_2024.xsd
# and SocialFinanceDigitalLabs/liia-tools-pipeline .../CIN_schema_2025.xsd, which agree
# word for word. liia-tools-pipeline .../CIN_schema_2026.xsd labels N1 "Abuse, neglect and
# exploitation"; no DfE guide was found to confirm that rewording, so N1 keeps the 2024-25
# wording. The SSDA903 category of need <CIN> uses N1-N8 only (liia-tools
# .../ssda903_pipeline/spec/SSDA903_schema_2016.yml); N9 and N0 are CIN census only.


class PrimaryNeed(models.TextChoices):
    ABUSE_OR_NEGLECT = "N1", "Abuse or neglect"
    CHILD_DISABILITY = "N2", "Child's disability"
    PARENT_DISABILITY_OR_ILLNESS = "N3", "Parental disability or illness"
    FAMILY_IN_ACUTE_STRESS = "N4", "Family in acute stress"
    FAMILY_DYSFUNCTION = "N5", "Family dysfunction"
    SOCIALLY_UNACCEPTABLE_BEHAVIOUR = "N6", "Socially unacceptable behaviour"
    LOW_INCOME = "N7", "Low income"
    ABSENT_PARENTING = "N8", "Absent parenting"
    NOT_CHILD_IN_NEED = "N9", "Cases other than children in need"
    NOT_STATED = "N0", "Not stated"


# Source: DfE CIN census XSD, <reasonforclosuretype> (<ReasonForClosure>), identical in
# SocialFinanceDigitalLabs/liia-tools .../CIN_schema_2024.xsd and
# SocialFinanceDigitalLabs/liia-tools-pipeline .../CIN_schema_2025.xsd and CIN_schema_2026.xsd.


class ReasonForClosure(models.TextChoices):
    ADOPTED = "RC1", "Adopted"
    DIED = "RC2", "Died"
    CHILD_ARRANGEMENTS_ORDER = "RC3", "Child arrangements order"
    SPECIAL_GUARDIANSHIP_ORDER = "RC4", "Special guardianship order"
    TRANSFERRED_TO_OTHER_LA = "RC5", "Transferred to services of another local authority"
    TRANSFERRED_TO_ADULT_SERVICES = "RC6", "Transferred to adult social care services"
    SERVICES_CEASED = (
        "RC7",
        "Services ceased for any other reason, including child no longer in need",
    )
    CLOSED_AFTER_ASSESSMENT_NFA = "RC8", "Case closed after assessment, no further action"
    CLOSED_AFTER_ASSESSMENT_EARLY_HELP = (
        "RC9",
        "Case closed after assessment, referred to early help",
    )


# Source: DfE CIN census XSD, <assessmentfactorstype> (<AssessmentFactors> inside
# <FactorsIdentifiedAtAssessment>). Checked in SocialFinanceDigitalLabs/liia-tools-pipeline
# liiatools/cin_census_pipeline/spec/CIN_schema_2025.xsd (42 codes), the same list as
# liia-tools .../CIN_schema_2024.xsd. Labels shorten the XSD text ("concerns that services
# may be required or the child may be at risk ...") and keep its topic names, including
# "Domestic violence". The undivided codes 18A (physical abuse) and 19A (sexual abuse) are
# absent from the schemas checked (2021-22 to 2024-25 in liia-tools, 2024-25 in
# liia-tools-pipeline), which carry 18B/18C and 19B/19C (child on child / adult on child)
# instead. liia-tools-pipeline .../CIN_schema_2026.xsd re-adds 18A and 19A, annotated
# "Retained despite official schema change due to client request 08/25", so they are a
# local addition and are left out here.


class AssessmentFactor(models.TextChoices):
    ALCOHOL_CHILD = "1A", "Alcohol misuse: concerns about the child"
    ALCOHOL_PARENT = "1B", "Alcohol misuse: concerns about the parent(s) or carer(s)"
    ALCOHOL_OTHER = "1C", "Alcohol misuse: concerns about another person in the household"
    DRUGS_CHILD = "2A", "Drug misuse: concerns about the child"
    DRUGS_PARENT = "2B", "Drug misuse: concerns about the parent(s) or carer(s)"
    DRUGS_OTHER = "2C", "Drug misuse: concerns about another person in the household"
    DOMESTIC_ABUSE_CHILD = "3A", "Domestic violence: the child is the subject"
    DOMESTIC_ABUSE_PARENT = "3B", "Domestic violence: the parent(s) or carer(s) are the subject"
    DOMESTIC_ABUSE_OTHER = "3C", "Domestic violence: another person in the household is the subject"
    MENTAL_HEALTH_CHILD = "4A", "Mental health: concerns about the child"
    MENTAL_HEALTH_PARENT = "4B", "Mental health: concerns about the parent(s) or carer(s)"
    MENTAL_HEALTH_OTHER = "4C", "Mental health: concerns about another family or household member"
    LEARNING_DISABILITY_CHILD = "5A", "Learning disability: concerns about the child"
    LEARNING_DISABILITY_PARENT = (
        "5B",
        "Learning disability: concerns about the parent(s) or carer(s)",
    )
    LEARNING_DISABILITY_OTHER = (
        "5C",
        "Learning disability: concerns about another family or household member",
    )
    PHYSICAL_DISABILITY_CHILD = "6A", "Physical disability or illness: concerns about the child"
    PHYSICAL_DISABILITY_PARENT = (
        "6B",
        "Physical disability or illness: concerns about the parent(s) or carer(s)",
    )
    PHYSICAL_DISABILITY_OTHER = (
        "6C",
        "Physical disability or illness: concerns about another family or household member",
    )
    YOUNG_CARER = "7A", "Young carer: caring responsibilities"
    PRIVATE_FOSTERING_OVERSEAS_RETURN = (
        "8B",
        "Privately fostered: overseas child intending to return",
    )
    PRIVATE_FOSTERING_OVERSEAS_STAY = "8C", "Privately fostered: overseas child intending to stay"
    PRIVATE_FOSTERING_EDUCATION = "8D", "Privately fostered: UK child in an educational placement"
    PRIVATE_FOSTERING_FAMILY_ARRANGEMENT = (
        "8E",
        "Privately fostered: UK child in an alternative family arrangement",
    )
    PRIVATE_FOSTERING_OTHER = "8F", "Privately fostered: other"
    UASC = "9A", "Unaccompanied asylum-seeking child"
    MISSING = "10A", "Missing: going or being missing"
    CHILD_SEXUAL_EXPLOITATION = "11A", "Child sexual exploitation"
    TRAFFICKING = "12A", "Trafficking"
    GANGS = "13A", "Gangs: involvement in or with gangs"
    SOCIALLY_UNACCEPTABLE_BEHAVIOUR = "14A", "Socially unacceptable behaviour"
    SELF_HARM = "15A", "Self-harm"
    NEGLECT = "16A", "Abuse or neglect: neglect"
    EMOTIONAL_ABUSE = "17A", "Abuse or neglect: emotional abuse"
    PHYSICAL_ABUSE_BY_CHILD = "18B", "Abuse or neglect: physical abuse by another child"
    PHYSICAL_ABUSE_BY_ADULT = "18C", "Abuse or neglect: physical abuse by an adult"
    SEXUAL_ABUSE_BY_CHILD = "19B", "Abuse or neglect: sexual abuse by another child"
    SEXUAL_ABUSE_BY_ADULT = "19C", "Abuse or neglect: sexual abuse by an adult"
    OTHER = "20", "Other"
    NO_FACTORS = "21", "No factors identified (only if no further action is being taken)"
    FGM = "22A", "Female genital mutilation (FGM)"
    FAITH_OR_BELIEF_ABUSE = "23A", "Abuse linked to faith or belief"
    CHILD_CRIMINAL_EXPLOITATION = "24A", "Child criminal exploitation"


# Source: DfE CIN census XSD, <categoryofabusetype> (<InitialCategoryOfAbuse> and
# <LatestCategoryOfAbuse> on a child protection plan), identical in
# SocialFinanceDigitalLabs/liia-tools .../CIN_schema_2024.xsd and
# SocialFinanceDigitalLabs/liia-tools-pipeline .../CIN_schema_2025.xsd and CIN_schema_2026.xsd.
# MUL is still a valid code in the 2025-26 schema, not removed or marked deprecated; the
# schema's own label is "Multiple/not recommended". No DfE validation rule was found that
# rejects MUL on new plans, so it stays selectable and the label carries the warning.


class CategoryOfAbuse(models.TextChoices):
    NEGLECT = "NEG", "Neglect"
    PHYSICAL = "PHY", "Physical abuse"
    EMOTIONAL = "EMO", "Emotional abuse"
    SEXUAL = "SAB", "Sexual abuse"
    MULTIPLE = "MUL", "Multiple (not recommended)"


# Source: SSDA903 (children looked after) return, social worker episodes table added for
# 2023-24 (<SW_REASON>, alongside SW_ID, SW_DECOM, SW_DEC). Not a CIN census or workforce
# census item. Codes checked in SocialFinanceDigitalLabs/liia-tools-pipeline
# liiatools/ssda903_pipeline/spec/SSDA903_schema_2024.diff.yml and
# data-to-insight/csc-validator-be-903 rule SW13STG1 (lac_validator/rules). Neither holds
# labels. Labels for MANAGE, FCONTA, TSPROC, ABSENC and CHCHAN follow the DfE
# "Stability measures for children looked after in England" data sets on
# explore-education-statistics.service.gov.uk (reason for social worker change), matched
# to the codes by their spelling. Labels for LEFTRL, ORGRST, PCCHAN, SWDIED and OTHERS are
# NOT verified: they are read from the code names; check the SSDA903 guide before use.


class SocialWorkerChangeReason(models.TextChoices):
    MANAGING_CASELOADS = "MANAGE", "Managing caseloads"
    FIRST_CONTACT = "FCONTA", "First contact or re-referral"
    LEFT_ROLE = "LEFTRL", "Social worker left the role"
    ORGANISATIONAL_RESTRUCTURE = "ORGRST", "Organisational restructure"
    TRANSFER_STANDARD_PROCESS = "TSPROC", "Child transferred under the standard process"
    ABSENCE = "ABSENC", "Absence cover or return from absence"
    CHILD_REQUESTED = "CHCHAN", "Child requested change from previous social worker"
    PARENT_CARER_REQUESTED = "PCCHAN", "Parent or carer requested change of social worker"
    SOCIAL_WORKER_DIED = "SWDIED", "Social worker died"
    OTHER = "OTHERS", "Other"


# ---- SSDA903 (children looked after) ------------------------------------------------------
# Source: the DfE SSDA903 guide's code lists, as carried by SocialFinanceDigitalLabs/liia-tools
# liiatools/ssda903_pipeline/spec/SSDA903_schema_*.yml and data-to-insight/csc-validator-be-903
# (lac_validator). Labels are the guide's wording, shortened where it runs to a paragraph.


class LegalStatus(models.TextChoices):
    INTERIM_CARE_ORDER = "C1", "Interim care order"
    FULL_CARE_ORDER = "C2", "Full care order"
    FREEING_ORDER = "D1", "Freeing order granted"
    PLACEMENT_ORDER = "E1", "Placement order granted"
    SECTION_20 = "V2", "Single period of accommodation under section 20"
    SHORT_BREAKS_EPISODES = "V3", "Agreed series of short-term breaks (episodes recorded)"
    SHORT_BREAKS_AGREEMENTS = "V4", "Agreed series of short-term breaks (agreements recorded)"
    POLICE_PROTECTION = "L1", "Under police protection, in local authority accommodation"
    EMERGENCY_PROTECTION_ORDER = "L2", "Emergency protection order"
    CHILD_ASSESSMENT_ORDER = "L3", "Child assessment order, in local authority accommodation"
    REMANDED = "J1", "Remanded to local authority or youth detention accommodation"
    PACE = "J2", "Placed in local authority accommodation under PACE 1984"
    YOUTH_REHABILITATION_ORDER = "J3", "Youth rehabilitation order with residence requirement"


# Legal statuses that are care orders (for the return-home plan: an order must be revoked).
CARE_ORDERS = frozenset({LegalStatus.INTERIM_CARE_ORDER, LegalStatus.FULL_CARE_ORDER})


class ReasonNewEpisode(models.TextChoices):
    STARTED = "S", "Started to be looked after"
    LEGAL_STATUS = "L", "Change of legal status only"
    PLACEMENT_AND_CARER = "P", "Change of placement and carer(s) only"
    PLACEMENT_SAME_CARER = "T", "Change of placement (but same carer(s)) only"
    LEGAL_STATUS_PLACEMENT_AND_CARER = "U", "Change of legal status and placement and carer(s)"
    LEGAL_STATUS_AND_PLACEMENT = "B", "Change of legal status and placement (same carer(s))"


class PlacementType(models.TextChoices):
    ADOPTION_CONSENT_CURRENT_CARER = (
        "A3",
        "Placed for adoption with consent, with current foster carer(s)",
    )
    ADOPTION_CONSENT_OTHER = (
        "A4",
        "Placed for adoption with consent, not with current foster carer(s)",
    )
    ADOPTION_ORDER_CURRENT_CARER = (
        "A5",
        "Placed for adoption with placement order, with current foster carer(s)",
    )
    ADOPTION_ORDER_OTHER = (
        "A6",
        "Placed for adoption with placement order, not with current foster carer(s)",
    )
    SECURE_CHILDRENS_HOME = "K1", "Secure children's home"
    CHILDRENS_HOME = "K2", "Children's home subject to Children's Homes Regulations"
    SUPPORTED_ACCOMMODATION = "K3", "Supported accommodation (Ofsted registered)"
    WITH_PARENTS = "P1", "Placed with own parent(s) or other person(s) with parental responsibility"
    RESIDENTIAL_EMPLOYMENT = "P3", "Residential employment"
    RESIDENTIAL_CARE_HOME = "R1", "Residential care home"
    NHS_ESTABLISHMENT = "R2", "NHS or health trust establishment providing medical or nursing care"
    FAMILY_CENTRE = "R3", "Family centre or mother and baby unit"
    YOUNG_OFFENDER_INSTITUTION = "R5", "Young offender institution or prison"
    RESIDENTIAL_SCHOOL = "S1", "Residential school (not dual-registered as a children's home)"
    TEMPORARY_MOVE = "T0", "Temporary move of any type"
    TEMPORARY_HOSPITAL = "T1", "Temporary period in hospital"
    TEMPORARY_HOLIDAY = "T2", "Temporary absence on holiday"
    TEMPORARY_CARER_HOLIDAY = (
        "T3",
        "Temporary accommodation while the foster carer(s) are on holiday",
    )
    TEMPORARY_SEVEN_DAYS = "T4", "Temporary accommodation of seven days or less"
    KINSHIP_LONG_TERM = "U1", "Foster placement with relative(s) or friend(s): long-term fostering"
    KINSHIP_FFA = (
        "U2",
        "Foster placement with relative(s) or friend(s) who are approved adopters (FFA)",
    )
    KINSHIP_OTHER = "U3", "Foster placement with relative(s) or friend(s): not long-term or FFA"
    FOSTER_LONG_TERM = "U4", "Foster placement with other foster carer(s): long-term fostering"
    FOSTER_FFA = (
        "U5",
        "Foster placement with other foster carer(s) who are approved adopters (FFA)",
    )
    FOSTER_OTHER = "U6", "Foster placement with other foster carer(s): not long-term or FFA"
    OTHER_REGISTERED = "Z11", "Other placement: registered setting"
    OTHER_UNREGISTERED = "Z12", "Other placement: unregistered setting"
    OTHER_UNREGULATED_SUPPORTED = "Z13", "Other placement: unregistered supported accommodation"
    OTHER_NOT_LISTED = "Z14", "Other placement not listed elsewhere"


ADOPTION_PLACEMENTS = frozenset({"A3", "A4", "A5", "A6"})
FOSTER_PLACEMENTS = frozenset({"U1", "U2", "U3", "U4", "U5", "U6"})
LONG_TERM_FOSTER_PLACEMENTS = frozenset({"U1", "U4"})
TEMPORARY_PLACEMENTS = frozenset({"T0", "T1", "T2", "T3", "T4"})


class PlacementProvider(models.TextChoices):
    PARENTS = "PR0", "Parent(s) or other person(s) with parental responsibility"
    OWN_AUTHORITY = "PR1", "Own provision (by the local authority)"
    OTHER_AUTHORITY = "PR2", "Other local authority provision"
    OTHER_PUBLIC = "PR3", "Other public provision (e.g. by a primary care trust)"
    PRIVATE = "PR4", "Private provision"
    VOLUNTARY = "PR5", "Voluntary or third-sector provision"


class ReasonEpisodeCeased(models.TextChoices):
    ADOPTED_UNOPPOSED = "E11", "Adopted: application unopposed"
    ADOPTED_CONSENT_DISPENSED = "E12", "Adopted: consent dispensed with by the court"
    DIED = "E2", "Died"
    ANOTHER_AUTHORITY = "E3", "Care taken over by another local authority in the UK"
    RETURNED_HOME_PLANNED = (
        "E4A",
        "Returned home to parents or others with PR, as planned",
    )
    RETURNED_HOME_UNPLANNED = (
        "E4B",
        "Returned home to parents or others with PR, not as planned",
    )
    LEFT_TO_LIVE_WITHOUT_PR = (
        "E13",
        "Left care to live with parent(s), relative(s) or others without PR",
    )
    CHILD_ARRANGEMENTS_ORDER = "E41", "Residence order or child arrangements order granted"
    SGO_FOSTER_RELATIVE = (
        "E45",
        "Special guardianship order to former foster carer(s) who are relatives or friends",
    )
    SGO_FOSTER_OTHER = (
        "E46",
        "Special guardianship order to former foster carer(s), not relatives or friends",
    )
    SGO_CARER_RELATIVE = (
        "E47",
        "Special guardianship order to other carer(s) who are relatives or friends",
    )
    SGO_CARER_OTHER = (
        "E48",
        "Special guardianship order to other carer(s), not relatives or friends",
    )
    INDEPENDENT_SUPPORTED = "E5", "Moved to independent living with formal advice and support"
    INDEPENDENT_UNSUPPORTED = "E6", "Moved to independent living without formal advice or support"
    ADULT_SOCIAL_CARE = "E7", "Transferred to residential care funded by adult social care"
    OTHER = "E8", "Period of being looked after ended for any other reason"
    CUSTODY = "E9", "Sentenced to custody"
    REMAND_ENDED = "E14", "Accommodation on remand ended"
    AGE_ASSESSED_ADULT = "E15", "Age assessment determined the child is 18 or over"
    MOVED_ABROAD = "E16", "Child moved abroad"
    STAYED_PUT = "E17", "Aged 18 or over and remained with current carers (including staying put)"
    NEW_EPISODE = "X1", "Episode ceases and a new one begins on the same day"


ADOPTED = frozenset({"E11", "E12"})
SPECIAL_GUARDIANSHIP = frozenset({"E45", "E46", "E47", "E48"})


class ReasonPlacementChange(models.TextChoices):
    CARER_REQUESTED = "CARPL", "Carer(s) requested the placement end (not due to allegation)"
    RESIGNED_OR_CLOSED = "CLOSE", "Resignation or closure of provision"
    ALLEGATION = "ALLEG", "Allegation (s47) against the carer(s)"
    STANDARDS = "STAND", "Standards of care concern"
    APPROVAL_REMOVED = "APPRR", "Change in the status of the placement provider's approval"
    CHILD_REQUESTED_BEHAVIOUR = "CREQB", "Child requested the placement end: behaviour"
    CHILD_REQUESTED_OTHER = "CREQO", "Child requested the placement end: other"
    CHILD_NEEDS = "CHILD", "Change to, or in the light of, the child's needs"
    AUTHORITY_REQUESTED = "LAREQ", "Responsible authority requested the placement end"
    PLACEMENT_PLANNED = "PLACE", "Planned move to a placement more suitable (e.g. long-term)"
    CUSTODY = "CUSTOD", "Custody arrangement"
    OTHER = "OTHER", "Other"


class ReviewParticipation(models.TextChoices):
    UNDER_FOUR = "PN0", "Child aged under 4 at the time of the review"
    ATTENDED_SPOKE = "PN1", "Child attended and spoke for themself"
    ATTENDED_ADVOCATE = "PN2", "Child attended; an advocate spoke for them"
    ATTENDED_NON_VERBAL = "PN3", "Child attended; conveyed their views non-verbally"
    ATTENDED_SILENT = "PN4", "Child attended but did not convey their views"
    ABSENT_ADVOCATE = "PN5", "Child did not attend; an advocate conveyed their views"
    ABSENT_OTHER_MEANS = "PN6", "Child did not attend; conveyed their views by other means"
    ABSENT_NO_VIEWS = "PN7", "Child did not attend and their views were not conveyed"


class MissingType(models.TextChoices):
    MISSING = "M", "Missing"
    AWAY = "A", "Away from placement without authorisation"


# OC3: care leavers' contact around their 17th to 21st birthdays.
class CareLeaverInTouch(models.TextChoices):
    YES = "YES", "In touch"
    NO = "NO", "Not in touch"
    DIED = "DIED", "Died"
    REFUSED = "REFU", "Refused contact"
    NOT_REQUIRED = "NREQ", "No longer requires services"
    RETURNED_HOME = "RHOM", "Returned home to parents for six months or more"


class CareLeaverActivity(models.TextChoices):
    HIGHER_EDUCATION_FULL = "F1", "Full-time higher education"
    HIGHER_EDUCATION_PART = "P1", "Part-time higher education"
    OTHER_EDUCATION_FULL = "F2", "Full-time education other than higher education"
    OTHER_EDUCATION_PART = "P2", "Part-time education other than higher education"
    TRAINING_FULL = "F4", "Full-time training or employment (including apprenticeships)"
    TRAINING_PART = "P4", "Part-time training or employment"
    VOLUNTEERING_FULL = "F5", "Full-time voluntary work"
    VOLUNTEERING_PART = "P5", "Part-time voluntary work"
    NEET_ILLNESS = "G4", "Not in education, employment or training: illness or disability"
    NEET_OTHER = "G5", "Not in education, employment or training: other reasons"
    NEET_PREGNANCY = "G6", "Not in education, employment or training: pregnancy or parenting"
    UNKNOWN = "0", "Information not known"


IN_EDUCATION_EMPLOYMENT_TRAINING = frozenset({"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5"})


class CareLeaverAccommodation(models.TextChoices):
    WITH_PARENTS = "B", "With parents or relatives"
    COMMUNITY_HOME = "C", "Community home or other form of residential care"
    SEMI_INDEPENDENT = "D", "Semi-independent, transitional accommodation"
    SUPPORTED_LODGINGS = "E", "Supported lodgings"
    GAP_YEAR = "G", "Gap year or travelling"
    EMERGENCY = "H", "Emergency accommodation (night shelter, emergency hostel)"
    BED_AND_BREAKFAST = "K", "Bed and breakfast"
    CUSTODY = "R", "In custody"
    INDEPENDENT = "S", "Independent living (flat, lodgings, bedsit, tenancy)"
    NO_FIXED_ABODE = "T", "No fixed abode or homeless"
    FOYER = "U", "Foyers and similar supported accommodation"
    FORMER_FOSTER_CARERS = "V", "With former foster carer(s) (staying put)"
    OTHER = "W", "Other accommodation"
    ABROAD = "X", "Gone abroad"
    DEPORTED = "Y", "Deported"
    UNKNOWN = "Z", "Residence not known"


def label_for(enum_cls: type[models.TextChoices], code: str) -> str:
    """Return the label for ``code`` in ``enum_cls``, or ``code`` if it is unknown."""
    try:
        return str(enum_cls(code).label)
    except ValueError:
        return code
