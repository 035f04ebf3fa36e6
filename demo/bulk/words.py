"""Invented Vietnamese text for the bulk archive, put together from the lists below.

Every sentence is built here from templates and word lists written for this project: no text is
taken from a real site, and no person named is a real official (names are drawn from common family,
middle and given names, leaving out the given names of well-known leaders).
"""

PROVINCES = [
    "Hà Nội",
    "TP. Hồ Chí Minh",
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "Huế",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Lào Cai",
    "Thái Nguyên",
    "Phú Thọ",
    "Bắc Ninh",
    "Hưng Yên",
    "Ninh Bình",
    "Quảng Trị",
    "Quảng Ngãi",
    "Gia Lai",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đắk Lắk",
    "Đồng Nai",
    "Tây Ninh",
    "Vĩnh Long",
    "Đồng Tháp",
    "An Giang",
    "Cà Mau",
    "Sơn La",
    "Điện Biên",
    "Lạng Sơn",
]

ACTORS = [
    "Chính phủ",
    "Thủ tướng Chính phủ",
    "Văn phòng Chính phủ",
    "Bộ Tài chính",
    "Bộ Y tế",
    "Bộ Giáo dục và Đào tạo",
    "Bộ Xây dựng",
    "Bộ Khoa học và Công nghệ",
    "Bộ Nông nghiệp và Môi trường",
    "Bộ Công Thương",
    "Ngân hàng Nhà nước",
    "Cục Thống kê",
]

# The matters each section writes about; a section not listed here takes them all.
MATTERS = {
    "thoi-su": [
        "cải cách thủ tục hành chính",
        "phòng, chống tham nhũng, lãng phí",
        "sắp xếp tổ chức bộ máy",
        "kỷ luật, kỷ cương hành chính",
        "thực hiện nghị quyết của Chính phủ",
        "tiếp công dân và giải quyết khiếu nại",
    ],
    "kinh-te": [
        "giải ngân vốn đầu tư công",
        "xuất khẩu nông sản",
        "hỗ trợ doanh nghiệp nhỏ và vừa",
        "thu hút đầu tư nước ngoài",
        "ổn định giá cả thị trường",
        "phát triển thị trường trái phiếu",
        "tín dụng cho sản xuất, kinh doanh",
        "thu ngân sách nhà nước",
    ],
    "xa-hoi": [
        "bảo hiểm y tế cho học sinh",
        "đào tạo nghề cho lao động nông thôn",
        "nhà ở xã hội cho công nhân",
        "chăm sóc sức khỏe ban đầu",
        "tuyển sinh đầu cấp",
        "giảm nghèo bền vững",
        "chi trả trợ cấp xã hội",
    ],
    "chuyen-doi-so": [
        "dịch vụ công trực tuyến toàn trình",
        "cơ sở dữ liệu quốc gia về dân cư",
        "định danh và xác thực điện tử",
        "chữ ký số cho người dân",
        "thanh toán không dùng tiền mặt",
        "an toàn thông tin mạng",
        "hạ tầng trung tâm dữ liệu",
    ],
    "van-hoa-the-thao": [
        "bảo tồn di sản văn hóa phi vật thể",
        "phát triển du lịch cộng đồng",
        "thể thao thành tích cao",
        "lễ hội truyền thống",
        "xây dựng đời sống văn hóa cơ sở",
        "công nghiệp văn hóa",
    ],
    "dia-phuong": [
        "xây dựng nông thôn mới",
        "phòng, chống thiên tai",
        "đường cao tốc liên vùng",
        "chỉnh trang đô thị",
        "cấp nước sạch cho vùng khô hạn",
        "giải phóng mặt bằng dự án trọng điểm",
    ],
}
ALL_MATTERS = [matter for matters in MATTERS.values() for matter in matters]

TITLE_VERBS = [
    "đẩy mạnh",
    "tháo gỡ vướng mắc trong",
    "đề xuất giải pháp về",
    "kiểm tra tiến độ",
    "ban hành kế hoạch về",
    "tổng kết công tác",
    "yêu cầu khẩn trương triển khai",
    "lấy ý kiến về",
    "hoàn thiện cơ chế",
    "tăng cường phối hợp trong",
]

WHEN = [
    "trong năm nay",
    "những tháng cuối năm",
    "ngay từ đầu năm",
    "trước mùa mưa bão",
    "giai đoạn tới",
    "trong quý tới",
]

OPENINGS = [
    "Sáng nay",
    "Chiều nay",
    "Trong tuần qua",
    "Tại hội nghị trực tuyến hôm qua",
    "Theo báo cáo mới nhất",
    "Tiếp tục chương trình công tác",
]

SENTENCES = [
    "{opening}, {actor} đã làm việc với các bộ, ngành và địa phương về {matter}, "
    "nhằm tạo chuyển biến rõ nét {when}.",
    "Theo số liệu được công bố, kết quả {matter} tại {province} đạt khoảng {percent}% kế hoạch, "
    "cao hơn cùng kỳ năm trước.",
    "Đại diện {actor} cho biết, những vướng mắc về {matter} đã được nhận diện cụ thể, "
    "trách nhiệm được giao rõ cho từng cơ quan.",
    "Nhiều ý kiến cho rằng cần tiếp tục hoàn thiện thể chế, rút ngắn thời gian xử lý hồ sơ "
    "và công khai kết quả để người dân, doanh nghiệp cùng giám sát.",
    "Tại {province}, chính quyền đã thành lập tổ công tác đặc biệt, tổ chức hơn {number} cuộc "
    "đối thoại với người dân và doanh nghiệp về {matter}.",
    "Kết luận buổi làm việc, {actor} yêu cầu các đơn vị bám sát mục tiêu, "
    "không để việc nào bị chậm trễ, không để người dân phải chờ đợi.",
    "Các chuyên gia nhận định, nếu được triển khai đồng bộ, {matter} sẽ góp phần quan trọng "
    "vào mục tiêu tăng trưởng bền vững {when}.",
    "Trong thời gian tới, {actor} sẽ phối hợp với {province} tổ chức sơ kết, rút kinh nghiệm "
    "và nhân rộng những cách làm hiệu quả.",
    "Báo cáo cũng chỉ rõ một số hạn chế như nguồn lực còn phân tán, phối hợp giữa các cấp "
    "có lúc chưa chặt chẽ, cần sớm được khắc phục.",
    "Người dân {province} bày tỏ phấn khởi khi {matter} được quan tâm, "
    "đời sống từng bước được cải thiện.",
    "Đến nay, đã có {number} hồ sơ được tiếp nhận và giải quyết đúng hạn, "
    "tỷ lệ hài lòng của người dân đạt trên {percent}%.",
    "Nguồn kinh phí thực hiện được bố trí từ ngân sách nhà nước và huy động hợp pháp từ "
    "các tổ chức, cá nhân trong và ngoài nước.",
]

HEADINGS = [
    "Tháo gỡ điểm nghẽn",
    "Nhiều kết quả tích cực",
    "Nhiệm vụ thời gian tới",
    "Lắng nghe người dân, doanh nghiệp",
    "Bảo đảm nguồn lực",
    "Phân công rõ trách nhiệm",
]

CAPTIONS = [
    "Quang cảnh buổi làm việc",
    "Các đại biểu tham quan mô hình tại địa phương",
    "Người dân làm thủ tục tại bộ phận một cửa",
    "Công trình đang được khẩn trương thi công",
    "Đoàn công tác kiểm tra thực tế tại cơ sở",
]

CREDITS = ["VGP/Minh Anh", "VGP/Đức Tâm", "VGP/Thu Hà", "VGP/Quang Vinh", "TTXVN/Ngọc Lan"]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi"]
FAMILY += ["Đỗ", "Hồ", "Ngô", "Dương", "Đinh", "Trương", "Lương"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Quốc", "Hữu", "Ngọc", "Đức", "Thu", "Bảo", "Gia"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hạnh", "Hiếu", "Hòa", "Khánh", "Lan"]
GIVEN += ["Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Tâm"]
GIVEN += ["Thảo", "Trang", "Tuấn", "Vy", "Yến", "Khoa", "Duyên", "Nhung", "Toàn", "Uyên"]

ORGANISATIONS = [
    "",
    "",
    "",
    "Hiệp hội Doanh nghiệp nhỏ và vừa tỉnh {province}",
    "Trường Đại học Kinh tế",
    "Công ty cổ phần Thương mại {province}",
    "Hội Luật gia tỉnh {province}",
    "Hợp tác xã Nông nghiệp Thành Công",
]

COMMENTS = [
    "Tôi đề nghị ban soạn thảo làm rõ đối tượng được hưởng chính sách về {matter}, "
    "tránh việc mỗi địa phương hiểu một cách khác nhau.",
    "Dự thảo cần quy định cụ thể thời hạn giải quyết hồ sơ, "
    "nên rút xuống còn {days} ngày làm việc.",
    "Tôi đồng ý với dự thảo, nhưng đề nghị bổ sung hướng dẫn cho người cao tuổi "
    "và người ở vùng sâu, vùng xa khi làm thủ tục trực tuyến.",
    "Mức hỗ trợ trong dự thảo còn thấp so với chi phí thực tế tại {province}, "
    "đề nghị xem xét điều chỉnh theo từng vùng.",
    "Đề nghị công khai danh sách hồ sơ đã giải quyết trên cổng dịch vụ công "
    "để người dân dễ theo dõi.",
    "Doanh nghiệp chúng tôi mong muốn được lấy ý kiến sớm hơn đối với các quy định về {matter}, "
    "để có thời gian chuẩn bị.",
    "Cần có lộ trình áp dụng hợp lý, ít nhất {days} tháng kể từ ngày văn bản có hiệu lực.",
]

ANSWERS = {
    "tiep-thu": "Ban soạn thảo tiếp thu và đã chỉnh sửa dự thảo theo hướng làm rõ nội dung này.",
    "tiep-thu-mot-phan": (
        "Ban soạn thảo tiếp thu một phần; các nội dung còn lại sẽ được quy định trong văn bản "
        "hướng dẫn."
    ),
    "khong-tiep-thu": (
        "Ban soạn thảo xin giải trình: nội dung này đã được quy định tại văn bản khác "
        "đang có hiệu lực."
    ),
}

QUESTIONS = [
    (
        "Người lao động tự do có được tham gia chính sách này không?",
        "Có. Người lao động tự do đăng ký tại Ủy ban nhân dân cấp xã nơi cư trú.",
    ),
    (
        "Hồ sơ đề nghị nộp ở đâu?",
        "Hồ sơ nộp trực tuyến trên Cổng Dịch vụ công quốc gia hoặc tại bộ phận một cửa.",
    ),
    (
        "Chính sách áp dụng từ khi nào?",
        "Chính sách áp dụng từ ngày văn bản có hiệu lực thi hành.",
    ),
]

# (document type, symbol, issuing body, carries the year, signer's title)
DOCUMENT_KINDS = [
    ("luat", "QH{legislature}", "Quốc hội", True, "Chủ tịch Quốc hội"),
    ("phap-lenh", "UBTVQH{legislature}", "Ủy ban Thường vụ Quốc hội", True, "Chủ tịch Quốc hội"),
    ("nghi-dinh", "NĐ-CP", "Chính phủ", True, "Thủ tướng"),
    ("nghi-dinh", "NĐ-CP", "Chính phủ", True, "Phó Thủ tướng"),
    ("nghi-dinh", "NĐ-CP", "Chính phủ", True, "Thủ tướng"),
    ("nghi-quyet", "NQ-CP", "Chính phủ", False, "Thủ tướng"),
    ("quyet-dinh", "QĐ-TTg", "Thủ tướng Chính phủ", False, "Phó Thủ tướng"),
    ("quyet-dinh", "QĐ-TTg", "Thủ tướng Chính phủ", False, "Thủ tướng"),
    ("chi-thi", "CT-TTg", "Thủ tướng Chính phủ", False, "Thủ tướng"),
    ("cong-dien", "CĐ-TTg", "Thủ tướng Chính phủ", False, "Thủ tướng"),
    ("thong-tu", "TT-BTC", "Bộ Tài chính", True, "Bộ trưởng"),
    ("thong-tu", "TT-BYT", "Bộ Y tế", True, "Thứ trưởng"),
    ("thong-tu", "TT-BGDĐT", "Bộ Giáo dục và Đào tạo", True, "Bộ trưởng"),
    ("thong-tu", "TT-BKHCN", "Bộ Khoa học và Công nghệ", True, "Thứ trưởng"),
    ("thong-tu", "TT-BNNMT", "Bộ Nông nghiệp và Môi trường", True, "Bộ trưởng"),
    ("thong-tu", "TT-BXD", "Bộ Xây dựng", True, "Thứ trưởng"),
]

LAW_MATTERS = [
    "Quản lý thuế",
    "Đất đai",
    "Bảo hiểm xã hội",
    "Giao dịch điện tử",
    "Phòng cháy, chữa cháy",
    "Giáo dục nghề nghiệp",
    "Khám bệnh, chữa bệnh",
    "Bảo vệ môi trường",
    "Nhà ở",
    "Kinh doanh bất động sản",
    "Đầu tư công",
    "Ngân sách nhà nước",
    "Doanh nghiệp",
    "Chuyển giao công nghệ",
    "An toàn thực phẩm",
    "Tài nguyên nước",
    "Lâm nghiệp",
    "Thủy sản",
    "Việc làm",
    "Di sản văn hóa",
]

DOCUMENT_TITLES = {
    "luat": [
        "Luật {Law}",
        "Luật {Law} (sửa đổi)",
        "Luật sửa đổi, bổ sung một số điều của Luật {Law}",
    ],
    "phap-lenh": ["Pháp lệnh về {law} trong tình hình mới"],
    "nghi-dinh": [
        "Nghị định quy định chi tiết một số điều của Luật {Law}",
        "Nghị định sửa đổi, bổ sung một số điều của các nghị định về {law}",
        "Nghị định quy định xử phạt vi phạm hành chính trong lĩnh vực {law}",
    ],
    "nghi-quyet": [
        "Nghị quyết về những nhiệm vụ, giải pháp chủ yếu trong lĩnh vực {law}",
        "Nghị quyết phiên họp Chính phủ thường kỳ tháng {month} năm {year}",
    ],
    "quyet-dinh": [
        "Quyết định phê duyệt Đề án nâng cao hiệu quả {matter}",
        "Quyết định ban hành Kế hoạch triển khai thi hành Luật {Law}",
        "Quyết định phê duyệt Chiến lược phát triển {law} đến năm 2030",
    ],
    "chi-thi": ["Chỉ thị về tăng cường {matter}"],
    "cong-dien": [
        "Công điện về việc tập trung ứng phó với mưa lũ tại các tỉnh miền Trung",
        "Công điện về đẩy mạnh {matter} những tháng cuối năm {year}",
    ],
    "thong-tu": [
        "Thông tư hướng dẫn thi hành một số điều của Nghị định về {law}",
        "Thông tư quy định chế độ báo cáo thống kê về {law}",
    ],
}

POLICY_TITLES = [
    "Hỗ trợ {matter}",
    "Đổi mới cơ chế {matter}",
    "Nâng cao hiệu quả {matter}",
    "Ưu đãi cho {matter}",
]
