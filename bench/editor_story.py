"""The story the editor-entry timing enters (bench/editor_entry.py): a plausible government news
article written for this bench, 30 paragraphs, four photos with captions and credits."""

TITLE = "Chính phủ họp phiên thường kỳ tháng 11: dồn sức cho mục tiêu tăng trưởng cả năm"
SAPO = (
    "Phiên họp Chính phủ thường kỳ tháng 11 tập trung đánh giá tình hình kinh tế - xã hội, "
    "giải ngân vốn đầu tư công và các giải pháp để hoàn thành kế hoạch năm."
)
DATELINE = "Hà Nội"
TOPIC = "Phiên họp Chính phủ"
AUTHOR = "Minh Anh"
SECTION = "Thời sự"

PARAGRAPHS = [
    "Sáng nay, tại trụ sở Chính phủ, Thủ tướng chủ trì phiên họp Chính phủ thường kỳ tháng 11, "
    "kết nối trực tuyến với ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương.",
    "Dự phiên họp có các Phó Thủ tướng, bộ trưởng, thủ trưởng cơ quan ngang bộ, cơ quan thuộc "
    "Chính phủ và lãnh đạo các địa phương.",
    "Phiên họp đánh giá tình hình kinh tế - xã hội tháng 11 và 11 tháng, việc triển khai các "
    "nghị quyết của Quốc hội, Chính phủ và nhiệm vụ trọng tâm của tháng cuối năm.",
    "Phát biểu khai mạc, Thủ tướng cho biết bối cảnh thế giới tiếp tục diễn biến phức tạp, "
    "thương mại toàn cầu chững lại, trong khi thiên tai gây thiệt hại lớn ở nhiều địa phương.",
    "Trong bối cảnh đó, kinh tế vĩ mô cơ bản ổn định, lạm phát được kiểm soát, các cân đối lớn "
    "được bảo đảm và niềm tin của doanh nghiệp tiếp tục được củng cố.",
    "Thủ tướng đề nghị các thành viên Chính phủ thẳng thắn chỉ ra những tồn tại, hạn chế và "
    "đề xuất giải pháp cụ thể, khả thi cho từng lĩnh vực.",
    "Theo báo cáo của Bộ Tài chính, tổng thu ngân sách nhà nước 11 tháng ước đạt gần 98% dự "
    "toán năm, cao hơn cùng kỳ năm trước.",
    "Kim ngạch xuất khẩu hàng hóa tăng khá, cán cân thương mại tiếp tục xuất siêu, góp phần "
    "ổn định tỷ giá và thị trường ngoại tệ.",
    "Vốn đầu tư trực tiếp nước ngoài thực hiện đạt mức cao nhất trong nhiều năm, tập trung vào "
    "công nghiệp chế biến, chế tạo và năng lượng tái tạo.",
    "Khu vực dịch vụ phục hồi rõ nét; lượng khách quốc tế đến Việt Nam tăng mạnh so với cùng "
    "kỳ, nhiều địa phương vượt kế hoạch đón khách cả năm.",
    "Tuy nhiên, giải ngân vốn đầu tư công ở một số bộ, ngành và địa phương còn chậm, chưa đạt "
    "mức bình quân chung của cả nước.",
    "Nhiều đại biểu cho rằng vướng mắc chủ yếu nằm ở khâu giải phóng mặt bằng, nguồn vật liệu "
    "xây dựng và năng lực của một số chủ đầu tư.",
    "Thủ tướng yêu cầu người đứng đầu các cơ quan, đơn vị trực tiếp chỉ đạo, đôn đốc, kiểm tra "
    "tiến độ từng dự án, xử lý dứt điểm các điểm nghẽn.",
    "Những nơi giải ngân chậm phải rà soát, điều chuyển vốn sang dự án có khả năng hấp thụ tốt "
    "hơn, không để vốn nằm chờ.",
    "Về thể chế, phiên họp thảo luận việc triển khai các luật vừa được Quốc hội thông qua, bảo "
    "đảm văn bản hướng dẫn ban hành đúng hạn, có hiệu lực cùng luật.",
    "Bộ Tư pháp cho biết các bộ, ngành đã ban hành phần lớn văn bản quy định chi tiết, số còn "
    "lại đang được khẩn trương hoàn thiện.",
    "Thủ tướng nhấn mạnh thể chế là nguồn lực, là động lực phát triển; mỗi quy định phải tạo "
    "thuận lợi cho người dân và doanh nghiệp, không phát sinh thủ tục mới.",
    "Chính phủ cũng dành thời gian bàn về chuyển đổi số quốc gia, trong đó có việc kết nối, "
    "chia sẻ dữ liệu dân cư với các dịch vụ công trực tuyến.",
    "Đến nay, phần lớn thủ tục hành chính đủ điều kiện đã được cung cấp trực tuyến toàn trình, "
    "giúp tiết kiệm thời gian và chi phí cho xã hội.",
    "Về an sinh xã hội, các bộ, ngành và địa phương được yêu cầu chăm lo đời sống người dân "
    "dịp Tết, nhất là người có công, hộ nghèo và người dân vùng bị thiên tai.",
    "Bộ Lao động - Thương binh và Xã hội báo cáo kế hoạch hỗ trợ gạo cứu đói và quà Tết đã "
    "được chuẩn bị sớm, bảo đảm đến tay người dân trước Tết.",
    "Công tác khắc phục hậu quả mưa lũ ở các tỉnh miền Trung được đẩy nhanh; trường học, trạm "
    "y tế bị hư hỏng cơ bản đã được sửa chữa.",
    "Phát biểu kết luận, Thủ tướng đánh giá cao sự vào cuộc của cả hệ thống chính trị và cộng "
    "đồng doanh nghiệp trong những tháng qua.",
    "Thủ tướng yêu cầu tháng 12 phải là tháng tăng tốc, bứt phá, phấn đấu hoàn thành ở mức "
    "cao nhất các mục tiêu, chỉ tiêu của năm.",
    "Chính sách tiền tệ cần điều hành chủ động, linh hoạt, phối hợp chặt chẽ với chính sách "
    "tài khóa, giữ ổn định mặt bằng lãi suất.",
    "Các bộ, ngành tiếp tục tháo gỡ khó khăn cho sản xuất, kinh doanh, mở rộng thị trường xuất "
    "khẩu và kích cầu tiêu dùng trong nước.",
    "Thủ tướng giao Văn phòng Chính phủ theo dõi, đôn đốc việc thực hiện các nhiệm vụ được "
    "giao tại phiên họp, báo cáo định kỳ.",
    "Cũng trong phiên họp, Chính phủ cho ý kiến về một số dự án luật, nghị định quan trọng "
    "trình cấp có thẩm quyền trong thời gian tới.",
    "Các thành viên Chính phủ thống nhất cao với đánh giá tình hình và những nhiệm vụ, giải "
    "pháp trọng tâm được nêu tại phiên họp.",
    "Phiên họp kết thúc vào buổi chiều cùng ngày; nghị quyết phiên họp sẽ được ban hành trong "
    "thời gian sớm nhất.",
]

# (file name, colour, caption, credit): each photo after the paragraph block it follows.
PHOTOS = [
    (
        "phien-hop-toan-canh.jpg",
        (30, 80, 140),
        "Toàn cảnh phiên họp Chính phủ thường kỳ tháng 11",
        "VGP/Nhật Bắc",
    ),
    (
        "thu-tuong-phat-bieu.jpg",
        (140, 40, 40),
        "Thủ tướng phát biểu khai mạc phiên họp",
        "VGP/Minh Anh",
    ),
    (
        "bo-truong-bao-cao.jpg",
        (40, 120, 60),
        "Bộ trưởng Bộ Tài chính báo cáo tình hình thu ngân sách",
        "VGP/Đức Tâm",
    ),
    (
        "dai-bieu-dia-phuong.jpg",
        (160, 120, 30),
        "Đại biểu các địa phương dự phiên họp trực tuyến",
        "VGP/Hải Minh",
    ),
]

# How many paragraphs come before each photo; the rest follow the last one.
PARAGRAPHS_BEFORE_PHOTO = [6, 8, 8, 5]
