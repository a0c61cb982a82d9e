"""Demo data: Bến Tre cooperatives and their OCOP products (fictional but realistic).

Plain data, loaded by `marketplace.demo.seed`. Producers sit in the 9 legacy districts of Bến
Tre's OCOP scheme, with today's address (Vĩnh Long province, code 86, since 1 July 2025;
ward codes from the `vietnam-provinces` package). Products use the sub-group codes of
Decision 148/QĐ-TTg (2023) from `catalog/ocop_categories.py`.

Certificates record who rated each product as it was at the time: under 1048/QĐ-TTg (2019) the
province recognised 3–4★; under 148/QĐ-TTg (2023) the district 3★ and the province 4★; since
1 July 2025 the province (Vĩnh Long) rates 3–4★; 5★ is always central (the Ministry). 1–2★
products are "potential" and get no certificate number. Validity is 36 months from `issued_on`
(the expiry is derived, not stored here); "today" for the demo is 2026-11-29, so the few
certificates issued before 2023-11 show as expired. `certificate: None` = never rated.

Names, phone numbers and e-mail addresses are invented.
"""

COOPERATIVES = [
    {
        "slug": "cong-ty-my-pham-dua-son-dong",
        "name": "Công ty TNHH Mỹ phẩm Dừa Sơn Đông",
        "kind": "enterprise",
        "legacy_district": "tp-ben-tre",
        "ward_code": 28783,
        "ward_name": "Phường Sơn Đông",
        "street": "Số 45 đường Đoàn Hoàng Minh, khu phố 3",
        "story_vi": (
            "Công ty được hai chị em dược sĩ quê Sơn Đông thành lập năm 2016, với mong muốn đưa "
            "trái dừa quê nhà vào chai mỹ phẩm. Nước dừa tươi và dầu dừa ép lạnh được thu mua từ "
            "các nhà vườn ven sông Hàm Luông, chiết xuất ngay trong ngày. Sản phẩm không dùng "
            "paraben, đóng trong bao bì giấy và chai thủy tinh có thể tái sử dụng. Xưởng nhỏ "
            "nhưng đạt chuẩn, mỗi mẻ hàng đều ghi số lô và ngày sản xuất."
        ),
        "story_en": (
            "Two pharmacist sisters from Sơn Đông founded the company in 2016 to put their home "
            "town's coconuts into a cosmetics bottle. Fresh coconut water and cold-pressed oil "
            "are bought from orchards along the Hàm Luông river and processed the same day. The "
            "products are paraben-free and packed in paper and reusable glass. The workshop is "
            "small but certified, and every batch carries its lot number and production date."
        ),
        "founded_year": 2016,
        "members": 38,
        "phone": "0974057504",
        "email": "myphamduasondong@example.vn",
    },
    {
        "slug": "co-so-gao-dua-ba-nhan",
        "name": "Cơ sở Thủ công gáo dừa Ba Nhàn",
        "kind": "household",
        "legacy_district": "tp-ben-tre",
        "ward_code": 28756,
        "ward_name": "Phường Phú Khương",
        "street": "Số 18/3 hẻm 42 đường Nguyễn Văn Tư, khu phố 1",
        "story_vi": (
            "Ông Ba Nhàn bắt đầu mài gáo dừa từ năm 1998, khi những chiếc gáo bỏ đi sau mùa làm "
            "kẹo chất thành đống sau nhà. Mỗi chiếc chén, chiếc đèn đều bắt đầu từ một chiếc gáo "
            "già được cưa, mài và đánh bóng bằng dầu dừa hoàn toàn bằng tay. Nay hai người con "
            "của ông cùng làm, thêm những mẫu mới hợp với căn bếp hiện đại. Không có hai sản "
            "phẩm nào giống hệt nhau, vì không có hai trái dừa nào giống nhau."
        ),
        "story_en": (
            "Mr Ba Nhàn started polishing coconut shells in 1998, when the shells left over from "
            "the candy season were piling up behind his house. Every bowl and lamp begins with a "
            "mature shell that is sawn, sanded and polished with coconut oil entirely by hand. "
            "Today two of his children work with him and add new designs for modern kitchens. No "
            "two pieces are exactly alike, because no two coconuts are."
        ),
        "founded_year": 1998,
        "members": 3,
        "phone": "0939943764",
        "email": "gaoduabanhan@example.vn",
    },
    {
        "slug": "co-so-nuoc-mau-dua-co-sau",
        "name": "Cơ sở Nước màu dừa Cô Sáu",
        "kind": "household",
        "legacy_district": "tp-ben-tre",
        "ward_code": 28777,
        "ward_name": "Phường An Hội",
        "street": "Số 7 đường Hùng Vương, khu phố 2",
        "story_vi": (
            "Nước màu dừa là linh hồn của nồi cá kho, thịt kho miền Tây, và cô Sáu đã nấu nó gần "
            "hai mươi năm bên bờ sông Bến Tre. Nước dừa già được thắng chậm trên bếp củi nhiều "
            "giờ liền cho đến khi sánh lại, óng màu cánh gián. Cô không dùng đường hóa học hay "
            "phẩm màu, chỉ có nước dừa và lửa. Những khách quen ở chợ Bến Tre ngày nào nay đặt "
            "hàng gửi đi khắp nước."
        ),
        "story_en": (
            "Coconut caramel is the soul of Mekong braised fish and pork, and Ms Sáu has been "
            "cooking it for almost twenty years on the bank of the Bến Tre river. Water from "
            "mature coconuts is reduced slowly over a wood fire for hours until it turns thick "
            "and deep amber. She uses no artificial sweetener or colouring, only coconut water "
            "and fire. Her old regulars from Bến Tre market now have it sent all over the "
            "country."
        ),
        "founded_year": 2004,
        "members": 2,
        "phone": "0933888806",
        "email": "nuocmauduacosau@example.vn",
    },
    {
        "slug": "htx-dua-xiem-giao-long",
        "name": "HTX Dừa xiêm xanh Giao Long",
        "kind": "cooperative",
        "legacy_district": "chau-thanh",
        "ward_code": 28807,
        "ward_name": "Xã Giao Long",
        "street": "Ấp 3, cù lao Giao Long",
        "story_vi": (
            "Hợp tác xã quy tụ 64 hộ trồng dừa xiêm xanh trên cù lao ven sông Tiền. Vườn dừa "
            "được chăm bằng phân hữu cơ, mương vườn giữ nước phù sa quanh năm. Dừa được hái đúng "
            "bảy tháng tuổi, khi nước ngọt thanh nhất, rồi gọt và đóng chai ngay tại xưởng của "
            "hợp tác xã. Mỗi chai nước dừa là công sức của cả xóm."
        ),
        "story_en": (
            "The cooperative brings together 64 families who grow green Siamese coconuts on the "
            "islands of the Tiền river. The orchards are fed with organic manure, and the "
            "ditches between the rows hold silty river water all year round. Coconuts are picked "
            "at seven months, when the water is at its sweetest, then trimmed and bottled at the "
            "cooperative's own workshop. Every bottle is the work of the whole hamlet."
        ),
        "founded_year": 2017,
        "members": 64,
        "phone": "0924752423",
        "email": "duaxiemgiaolong@example.vn",
    },
    {
        "slug": "homestay-vuon-dua-phu-tuc",
        "name": "Homestay Vườn Dừa Phú Túc",
        "kind": "household",
        "legacy_district": "chau-thanh",
        "ward_code": 28810,
        "ward_name": "Xã Phú Túc",
        "street": "Ấp Phú Hòa",
        "story_vi": (
            "Gia đình chú Tư mở căn nhà gỗ ba gian giữa vườn dừa làm homestay từ năm 2015. Khách "
            "được chèo xuồng trên rạch, học làm kẹo dừa và đạp xe trên những con đường đất dưới "
            "tán dừa. Bữa tối là cá lóc nướng trui, canh chua và rau hái trong vườn, ăn cùng cả "
            "nhà. Nhiều vị khách đến một đêm rồi xin ở lại thêm."
        ),
        "story_en": (
            "Uncle Tư's family opened their three-bay wooden house in the middle of a coconut "
            "orchard to guests in 2015. Visitors paddle a sampan along the creek, learn to make "
            "coconut candy and cycle along dirt paths under the palms. Dinner is straw-grilled "
            "snakehead fish, sour soup and greens from the garden, shared with the whole family. "
            "Many guests come for one night and ask to stay another."
        ),
        "founded_year": 2015,
        "members": 4,
        "phone": "0955270686",
        "email": "homestayvuonduaphutuc@example.vn",
    },
    {
        "slug": "tht-ong-mat-tan-phu",
        "name": "Tổ hợp tác Ong mật hoa dừa Tân Phú",
        "kind": "cooperative_group",
        "legacy_district": "chau-thanh",
        "ward_code": 28840,
        "ward_name": "Xã Tân Phú",
        "street": "Ấp Tân Thạnh",
        "story_vi": (
            "Mười hai hộ nuôi ong ở Tân Phú đặt thùng ong ngay dưới những buồng hoa dừa nở quanh "
            "năm. Mật hoa dừa có màu vàng nhạt, vị ngọt dịu và hương thơm rất riêng của vườn dừa "
            "Bến Tre. Tổ hợp tác không cho ong ăn đường, chỉ quay mật khi mật đã đủ già. Mỗi "
            "mùa, các thành viên cùng nhau kiểm tra độ ẩm và dán nhãn từng chai."
        ),
        "story_en": (
            "Twelve beekeeping families in Tân Phú set their hives right under the coconut "
            "flowers, which bloom all year. Coconut-blossom honey is pale gold, gently sweet and "
            "smells unmistakably of Bến Tre's orchards. The group never feeds its bees sugar and "
            "extracts honey only when it is fully ripe. Every season the members check its "
            "moisture together and label each bottle by hand."
        ),
        "founded_year": 2019,
        "members": 12,
        "phone": "0978967519",
        "email": "ongmattanphu@example.vn",
    },
    {
        "slug": "htx-cay-giong-vinh-thanh",
        "name": "HTX Cây giống Vĩnh Thành",
        "kind": "cooperative",
        "legacy_district": "cho-lach",
        "ward_code": 28894,
        "ward_name": "Xã Vĩnh Thành",
        "street": "Ấp Vĩnh Hưng 1",
        "story_vi": (
            "Chợ Lách là vựa cây giống lớn nhất miền Tây, và hợp tác xã này gom tay nghề của 45 "
            "nhà vườn đã ghép cây qua ba thế hệ. Mỗi cây giống được ghép từ cây mẹ đã đăng ký, "
            "có nguồn gốc rõ ràng và được dưỡng trong vườn ươm ít nhất ba tháng. Hợp tác xã "
            "hướng dẫn người mua cách trồng, bón phân và chăm sóc. Cây giống Vĩnh Thành đã theo "
            "ghe, theo xe tải đi khắp các tỉnh."
        ),
        "story_en": (
            "Chợ Lách is the largest seedling nursery of the Mekong Delta, and this cooperative "
            "pools the skills of 45 growers who have been grafting trees for three generations. "
            "Every seedling is grafted from a registered mother tree, fully traceable, and "
            "hardened in the nursery for at least three months. The cooperative shows buyers how "
            "to plant, feed and care for their trees. Vĩnh Thành seedlings have travelled by "
            "boat and lorry to every province."
        ),
        "founded_year": 2012,
        "members": 45,
        "phone": "0940032477",
        "email": "caygiongvinhthanh@example.vn",
    },
    {
        "slug": "co-so-hoa-kieng-sau-loi",
        "name": "Cơ sở Hoa kiểng Sáu Lợi",
        "kind": "household",
        "legacy_district": "cho-lach",
        "ward_code": 28870,
        "ward_name": "Xã Chợ Lách",
        "street": "Ấp Phú Hiệp",
        "story_vi": (
            "Ông Sáu Lợi uốn kiểng từ năm mười lăm tuổi, học nghề từ cha trong khu vườn sát bờ "
            "sông Cổ Chiên. Vườn của ông nổi tiếng với mai vàng bonsai và hoa giấy uốn thế, mỗi "
            "cây mất vài năm mới thành dáng. Năm nào trước Tết, ghe hoa của gia đình cũng xuôi "
            "sông lên chợ hoa Sài Gòn. Nay con gái ông lo phần bán hàng trực tuyến và đóng gói "
            "cây đi xa."
        ),
        "story_en": (
            "Mr Sáu Lợi has been shaping ornamental trees since he was fifteen, taught by his "
            "father in a garden on the Cổ Chiên river. His garden is known for golden apricot "
            "bonsai and trained bougainvillea, each taking several years to reach its form. "
            "Every year before Tết the family's flower boat sails up to the Saigon flower "
            "market. His daughter now runs online sales and packs the plants for long journeys."
        ),
        "founded_year": 1992,
        "members": 3,
        "phone": "0924107011",
        "email": "hoakiengsauloi@example.vn",
    },
    {
        "slug": "htx-trai-cay-phu-phung",
        "name": "HTX Trái cây Phú Phụng",
        "kind": "cooperative",
        "legacy_district": "cho-lach",
        "ward_code": 28879,
        "ward_name": "Xã Phú Phụng",
        "street": "Ấp Phú Thuận",
        "story_vi": (
            "Đất cù lao phù sa giữa sông Cổ Chiên và sông Hàm Luông cho những vườn sầu riêng, "
            "chôm chôm, măng cụt thơm ngọt nổi tiếng. Hợp tác xã có 88 thành viên, canh tác theo "
            "tiêu chuẩn VietGAP và ghi nhật ký vườn cho từng lô trái. Trái chín cây được tuyển "
            "chọn và sấy ngay tại địa phương để giữ trọn hương vị. Vào mùa, hợp tác xã đón khách "
            "tham quan và ăn trái tại vườn."
        ),
        "story_en": (
            "The silty island soil between the Cổ Chiên and Hàm Luông rivers grows famously "
            "fragrant durian, rambutan and mangosteen. The cooperative's 88 members farm to "
            "VietGAP standards and keep an orchard log for every lot of fruit. Tree-ripened "
            "fruit is graded and dried locally to keep its flavour. In season, the cooperative "
            "welcomes visitors to walk the orchards and eat fruit straight from the tree."
        ),
        "founded_year": 2014,
        "members": 88,
        "phone": "0961131643",
        "email": "traicayphuphung@example.vn",
    },
    {
        "slug": "co-so-ca-canh-bay-tung",
        "name": "Cơ sở Cá cảnh Bảy Tùng",
        "kind": "household",
        "legacy_district": "cho-lach",
        "ward_code": 28901,
        "ward_name": "Xã Hưng Khánh Trung",
        "street": "Ấp Bình Thạnh",
        "story_vi": (
            "Anh Bảy Tùng bắt đầu với vài hồ cá koi sau nhà, nay trại cá của anh có hơn ba mươi "
            "ao đất và bể xi măng. Cá được nuôi trong nước sông đã lọc, ăn cám do anh tự phối "
            "trộn và được tuyển chọn theo màu, theo dáng. Anh đóng túi oxy cẩn thận để cá khỏe "
            "mạnh suốt đường đi. Dân chơi cá khắp miền Tây vẫn gọi anh là người thầy kiên nhẫn."
        ),
        "story_en": (
            "Mr Bảy Tùng started with a few koi ponds behind his house; today his farm has more "
            "than thirty earthen ponds and concrete tanks. The fish live in filtered river "
            "water, eat feed he mixes himself and are selected for colour and shape. He packs "
            "every fish in an oxygenated bag so it travels well. Fish keepers across the Mekong "
            "Delta call him a patient teacher."
        ),
        "founded_year": 2008,
        "members": 2,
        "phone": "0914284270",
        "email": "cacanhbaytung@example.vn",
    },
    {
        "slug": "htx-keo-dua-thanh-thoi",
        "name": "HTX Kẹo dừa Thành Thới",
        "kind": "cooperative",
        "legacy_district": "mo-cay-nam",
        "ward_code": 28969,
        "ward_name": "Xã Thành Thới",
        "street": "Ấp Thanh Sơn 2",
        "story_vi": (
            "Thành Thới nằm giữa vùng dừa Mỏ Cày, nơi mùi kẹo dừa thơm lừng mỗi buổi sáng. Hợp "
            "tác xã gom 120 hộ làm kẹo truyền thống vào một xưởng chung đạt chuẩn an toàn thực "
            "phẩm, nhưng vẫn giữ công đoạn nấu và cắt kẹo bằng tay. Nước cốt dừa được vắt trong "
            "ngày, mạch nha nấu từ gạo địa phương. Từ vị truyền thống đến sầu riêng, lá dứa, ca "
            "cao, mỗi vị kẹo đều được các cô chú lớn tuổi nếm duyệt trước khi ra lò."
        ),
        "story_en": (
            "Thành Thới sits in the middle of Mỏ Cày's coconut country, where the smell of "
            "coconut candy fills the air every morning. The cooperative brings 120 candy-making "
            "households into a shared, food-safety-certified workshop while keeping the cooking "
            "and cutting by hand. The coconut cream is pressed the same day and the malt syrup "
            "is made from local rice. From the classic taste to durian, pandan and cocoa, every "
            "flavour is tasted and approved by the older makers before it leaves the kitchen."
        ),
        "founded_year": 2010,
        "members": 120,
        "phone": "0913795161",
        "email": "keoduathanhthoi@example.vn",
    },
    {
        "slug": "co-so-keo-dua-tu-hien",
        "name": "Cơ sở Kẹo dừa Tư Hiền",
        "kind": "household",
        "legacy_district": "mo-cay-nam",
        "ward_code": 28903,
        "ward_name": "Xã Mỏ Cày",
        "street": "Khu phố 7, đường 30 Tháng 4",
        "story_vi": (
            "Bà Tư Hiền nấu mẻ kẹo dừa đầu tiên trên bếp củi năm 1988 để bán ở chợ Mỏ Cày. Hơn "
            "ba mươi năm sau, chiếc chảo đồng ấy vẫn còn, và con cháu bà vẫn khuấy kẹo theo đúng "
            "nhịp tay bà dạy. Kẹo dẻo, béo, thơm mùi dừa tươi, gói bánh tráng như ngày xưa. "
            "Khách quen bảo chỉ cần ngửi là biết kẹo Tư Hiền."
        ),
        "story_en": (
            "Mrs Tư Hiền cooked her first batch of coconut candy over a wood fire in 1988 to "
            "sell at Mỏ Cày market. More than thirty years on, the same copper pan is still in "
            "use, and her children and grandchildren stir the candy to the rhythm she taught "
            "them. The candy is chewy, rich and smells of fresh coconut, wrapped in rice paper "
            "as it always was. Regulars say they can tell a Tư Hiền candy by its smell alone."
        ),
        "founded_year": 1988,
        "members": 4,
        "phone": "0936215587",
        "email": "keoduatuhien@example.vn",
    },
    {
        "slug": "cong-ty-dua-huong-my",
        "name": "Công ty TNHH Chế biến Dừa Hương Mỹ",
        "kind": "enterprise",
        "legacy_district": "mo-cay-nam",
        "ward_code": 28981,
        "ward_name": "Xã Hương Mỹ",
        "street": "Ấp Thị, đường tỉnh 883",
        "story_vi": (
            "Nhà máy nhỏ của công ty nằm giữa vùng dừa Hương Mỹ, thu mua dừa khô của hơn 400 hộ "
            "nông dân với giá ổn định theo hợp đồng. Cơm dừa được ép lạnh lấy dầu, vắt lấy nước "
            "cốt và sấy giòn, không bỏ phí phần nào. Nhà máy đạt chứng nhận HACCP và ISO 22000, "
            "xuất khẩu sang Nhật Bản và châu Âu. Xơ và gáo dừa được chuyển cho các tổ hợp tác "
            "thủ công trong xã."
        ),
        "story_en": (
            "The company's small plant sits in the heart of Hương Mỹ's coconut groves and buys "
            "mature coconuts from more than 400 farming families at stable, contracted prices. "
            "The coconut meat is cold-pressed for oil, squeezed for cream and toasted into "
            "chips, so nothing goes to waste. The plant is HACCP and ISO 22000 certified and "
            "exports to Japan and Europe. The husks and shells go to the handicraft groups of "
            "the commune."
        ),
        "founded_year": 2009,
        "members": 85,
        "phone": "0921083100",
        "email": "duahuongmy@example.vn",
    },
    {
        "slug": "tht-xo-dua-an-dinh",
        "name": "Tổ hợp tác Đan thảm xơ dừa An Định",
        "kind": "cooperative_group",
        "legacy_district": "mo-cay-nam",
        "ward_code": 28957,
        "ward_name": "Xã An Định",
        "street": "Ấp An Hòa",
        "story_vi": (
            "Mười tám chị em phụ nữ An Định cùng nhau se chỉ xơ dừa và đan thảm ngay dưới hiên "
            "nhà, vừa làm vừa trông con. Xơ dừa được ngâm nước sông, phơi nắng và đánh tơi trước "
            "khi se thành sợi. Thảm, dây và chậu xơ dừa bền, thoáng và tự phân hủy sau khi dùng. "
            "Nghề đan giúp các chị có thu nhập ổn định mà không phải rời quê."
        ),
        "story_en": (
            "Eighteen women in An Định spin coir yarn and weave mats on their own verandas, "
            "working while they watch their children. The husk fibre is soaked in river water, "
            "sun-dried and combed before it is twisted into yarn. Coir mats, ropes and pots are "
            "tough, breathable and biodegrade after use. Weaving gives the women a steady income "
            "without having to leave home."
        ),
        "founded_year": 2013,
        "members": 18,
        "phone": "0967669156",
        "email": "xoduaandinh@example.vn",
    },
    {
        "slug": "co-so-thach-dua-nam-lanh",
        "name": "Cơ sở Thạch dừa Năm Lành",
        "kind": "household",
        "legacy_district": "mo-cay-bac",
        "ward_code": 28915,
        "ward_name": "Xã Phước Mỹ Trung",
        "street": "Ấp Phước Khánh",
        "story_vi": (
            "Gia đình chị Năm Lành làm thạch dừa từ nước dừa già mà các lò kẹo trong xóm để lại. "
            "Nước dừa được lên men tự nhiên trong khay suốt mười ngày cho đến khi kết thành tấm "
            "thạch trắng trong, dày hai phân. Thạch được cắt hạt lựu, luộc nhiều lần cho hết "
            "chua rồi ngâm nước đường lá dứa. Món thạch giòn sần sật này là món giải nhiệt quen "
            "thuộc của mùa hè miền Tây."
        ),
        "story_en": (
            "Ms Năm Lành's family makes coconut jelly from the mature coconut water the candy "
            "kitchens of the hamlet leave behind. The water ferments naturally in trays for ten "
            "days until it sets into a clear white sheet two centimetres thick. The jelly is "
            "diced, boiled several times to take away the sourness, then steeped in pandan "
            "syrup. Its crunchy bite is a familiar summer cooler all over the Mekong Delta."
        ),
        "founded_year": 2006,
        "members": 3,
        "phone": "0989946622",
        "email": "thachduanamlanh@example.vn",
    },
    {
        "slug": "htx-dua-huu-co-tan-thanh-binh",
        "name": "HTX Dừa hữu cơ Tân Thành Bình",
        "kind": "cooperative",
        "legacy_district": "mo-cay-bac",
        "ward_code": 28921,
        "ward_name": "Xã Tân Thành Bình",
        "street": "Ấp Tân Lợi",
        "story_vi": (
            "Hợp tác xã có 150 thành viên canh tác dừa theo tiêu chuẩn hữu cơ, không dùng thuốc "
            "diệt cỏ và phân hóa học. Dưới tán dừa, bà con nuôi gà, trồng ca cao và thả cá trong "
            "mương, tạo nên một hệ sinh thái vườn khép kín. Vườn dừa được chứng nhận hữu cơ quốc "
            "tế và truy xuất được đến từng hộ. Ngoài dừa trái, hợp tác xã làm đường hoa dừa, "
            "giấm dừa và nước dừa đóng chai."
        ),
        "story_en": (
            "The cooperative's 150 members grow coconuts to organic standards, without "
            "herbicides or chemical fertilisers. Under the palms they raise chickens, grow cocoa "
            "and keep fish in the ditches, a closed orchard ecosystem. The orchards hold an "
            "international organic certificate and every coconut can be traced to its family. "
            "Besides whole coconuts, the cooperative makes coconut-blossom sugar, coconut "
            "vinegar and bottled coconut water."
        ),
        "founded_year": 2018,
        "members": 150,
        "phone": "0999766774",
        "email": "duahuucotanthanhbinh@example.vn",
    },
    {
        "slug": "co-so-mut-dua-hai-thu",
        "name": "Cơ sở Mứt dừa Hai Thu",
        "kind": "household",
        "legacy_district": "mo-cay-bac",
        "ward_code": 28948,
        "ward_name": "Xã Nhuận Phú Tân",
        "street": "Ấp Phú Đông",
        "story_vi": (
            "Mỗi dịp Tết, căn bếp nhà cô Hai Thu rực màu xanh lá dứa, tím khoai lang và vàng bí "
            "đỏ. Cô chọn dừa bánh tẻ, bào sợi dày vừa và sên đường bằng chảo gang cho đến khi "
            "mứt ráo mặt, mềm bên trong. Màu mứt đều lấy từ rau củ và lá cây, không dùng phẩm "
            "màu. Mứt dừa của cô đã theo hành lý của nhiều người con xa xứ sang tận nước ngoài."
        ),
        "story_en": (
            "Every Tết, Ms Hai Thu's kitchen glows with pandan green, purple sweet potato and "
            "pumpkin gold. She chooses half-mature coconuts, shaves them into thick ribbons and "
            "candies them in a cast-iron pan until they are dry outside and tender inside. All "
            "the colours come from vegetables and leaves, never from dyes. Her coconut jam has "
            "travelled abroad in the suitcases of many people far from home."
        ),
        "founded_year": 2001,
        "members": 4,
        "phone": "0932571370",
        "email": "mutduahaithu@example.vn",
    },
    {
        "slug": "co-so-banh-phong-son-doc-ba-nho",
        "name": "Cơ sở Bánh phồng Sơn Đốc Ba Nhỏ",
        "kind": "household",
        "legacy_district": "giong-trom",
        "ward_code": 29044,
        "ward_name": "Xã Hưng Nhượng",
        "street": "Ấp 1, làng nghề bánh phồng Sơn Đốc",
        "story_vi": (
            "Ở làng nghề Sơn Đốc, tiếng chày giã bột nếp vang lên từ lúc tờ mờ sáng. Nhà ông Ba "
            "Nhỏ giữ cách làm bánh phồng của bốn đời: nếp ngon, sữa tươi, đường thốt nốt và nước "
            "cốt dừa, giã dẻo rồi cán mỏng, phơi trên giàn tre. Bánh nướng than hay chiên đều nở "
            "phồng, giòn xốp, thơm béo. Những ngày cận Tết, cả nhà thức trắng đêm cho kịp đơn "
            "hàng."
        ),
        "story_en": (
            "In the craft village of Sơn Đốc the thud of pestles pounding sticky rice starts "
            "before dawn. Mr Ba Nhỏ's family keeps a puffed rice-cake recipe four generations "
            "old: fine glutinous rice, fresh milk, palm sugar and coconut cream, pounded, rolled "
            "thin and dried on bamboo racks. Grilled over charcoal or fried, the cakes puff up "
            "crisp, airy and rich. In the days before Tết the whole family works through the "
            "night to keep up with orders."
        ),
        "founded_year": 1995,
        "members": 4,
        "phone": "0948202938",
        "email": "banhphongsondocbanho@example.vn",
    },
    {
        "slug": "co-so-banh-trang-my-long-ut-thao",
        "name": "Cơ sở Bánh tráng Mỹ Lồng Út Thảo",
        "kind": "household",
        "legacy_district": "giong-trom",
        "ward_code": 28984,
        "ward_name": "Xã Giồng Trôm",
        "street": "Ấp Mỹ Lồng",
        "story_vi": (
            "Bánh tráng Mỹ Lồng nổi tiếng nhờ bột gạo xay cối đá, pha nước cốt dừa và mè, tráng "
            "trên nồi hơi đốt bằng vỏ trấu. Chị Út Thảo tráng bánh từ năm mười hai tuổi, nay mỗi "
            "ngày vẫn tráng hơn năm trăm cái. Bánh được phơi trên vỉ tre dưới nắng sớm để giữ "
            "màu trắng ngà và độ dẻo. Nướng lên, bánh giòn rụm, thơm mùi dừa và mè."
        ),
        "story_en": (
            "Mỹ Lồng rice paper is famous for its stone-ground rice batter mixed with coconut "
            "cream and sesame, steamed over a rice-husk fire. Ms Út Thảo has been making it "
            "since she was twelve and still turns out more than five hundred sheets a day. The "
            "sheets dry on bamboo racks in the morning sun to keep their ivory colour and "
            "suppleness. Grilled, they turn crisp and smell of coconut and sesame."
        ),
        "founded_year": 1999,
        "members": 3,
        "phone": "0912399884",
        "email": "banhtrangmylongutthao@example.vn",
    },
    {
        "slug": "htx-thu-cong-my-nghe-dua-luong-hoa",
        "name": "HTX Thủ công mỹ nghệ dừa Lương Hòa",
        "kind": "cooperative",
        "legacy_district": "giong-trom",
        "ward_code": 28987,
        "ward_name": "Xã Lương Hòa",
        "street": "Ấp Hòa Lợi",
        "story_vi": (
            "Hợp tác xã tập hợp 42 thợ thủ công biến gỗ dừa, gáo dừa và lá dừa thành đồ dùng đẹp "
            "và bền. Gỗ được lấy từ những cây dừa già đã hết trái, xẻ và sấy kỹ trước khi tiện. "
            "Các mẫu mã do thợ trẻ trong hợp tác xã thiết kế, hướng đến khách du lịch và các cửa "
            "hàng đồ gia dụng xanh. Mỗi sản phẩm mang theo những đường vân tự nhiên của thân dừa."
        ),
        "story_en": (
            "The cooperative gathers 42 craftspeople who turn coconut wood, shells and leaves "
            "into beautiful, durable everyday objects. The wood comes from old palms that no "
            "longer bear fruit, sawn and kiln-dried before it is turned. Young designers in the "
            "cooperative create pieces for visitors and eco-friendly homeware shops. Every item "
            "carries the natural grain of the coconut trunk."
        ),
        "founded_year": 2011,
        "members": 42,
        "phone": "0998514562",
        "email": "thucongmynghedualuonghoa@example.vn",
    },
    {
        "slug": "cong-ty-dau-dua-luong-quoi",
        "name": "Công ty TNHH Dầu dừa Lương Quới",
        "kind": "enterprise",
        "legacy_district": "giong-trom",
        "ward_code": 28993,
        "ward_name": "Xã Lương Phú",
        "street": "Ấp Thạnh Hòa, quốc lộ 57C",
        "story_vi": (
            "Công ty ra đời ở vùng đất Lương Quới, nơi nghề ép dầu dừa thủ công đã có từ hàng "
            "trăm năm. Dầu được ép lạnh từ cơm dừa tươi trong vòng sáu giờ sau khi tách trái, "
            "lắng lọc tự nhiên nhiều ngày, không qua nhiệt. Dầu trong như nước, thơm nhẹ mùi dừa "
            "tươi. Công ty hợp tác với các bác sĩ da liễu để phát triển dòng mỹ phẩm từ dầu dừa."
        ),
        "story_en": (
            "The company was born in Lương Quới, where coconut oil has been pressed by hand for "
            "a hundred years. The oil is cold-pressed from fresh coconut meat within six hours "
            "of cracking the nut and left to settle naturally for several days, never heated. It "
            "is clear as water with a light scent of fresh coconut. The company works with "
            "dermatologists on a line of coconut-oil skin care."
        ),
        "founded_year": 2014,
        "members": 26,
        "phone": "0958065805",
        "email": "daudualuongquoi@example.vn",
    },
    {
        "slug": "htx-thuy-san-thanh-phuoc",
        "name": "HTX Thủy sản Thạnh Phước",
        "kind": "cooperative",
        "legacy_district": "binh-dai",
        "ward_code": 29104,
        "ward_name": "Xã Thạnh Phước",
        "street": "Ấp Thạnh Thới",
        "story_vi": (
            "Ở vùng cửa sông Ba Lai giáp biển, 96 hộ ngư dân và người nuôi nghêu cùng góp sức "
            "làm nên hợp tác xã. Bãi nghêu được quản lý theo tiêu chuẩn khai thác bền vững, con "
            "giống được thả lại mỗi mùa. Cá cơm đánh bắt ban đêm được muối ngay trên ghe, ủ "
            "chượp mười hai tháng thành nước mắm. Hương vị biển Bình Đại gói trọn trong từng "
            "chai, từng túi."
        ),
        "story_en": (
            "At the mouth of the Ba Lai river, where it meets the sea, 96 fishing and "
            "clam-farming families run the cooperative together. Its clam beds are managed to "
            "sustainable harvest standards and restocked every season. Anchovies caught at night "
            "are salted on board and fermented for twelve months into fish sauce. The taste of "
            "Bình Đại's sea is in every bottle and every pack."
        ),
        "founded_year": 2009,
        "members": 96,
        "phone": "0914105673",
        "email": "thuysanthanhphuoc@example.vn",
    },
    {
        "slug": "co-so-kho-ca-chin-hung",
        "name": "Cơ sở Khô cá Chín Hùng",
        "kind": "household",
        "legacy_district": "binh-dai",
        "ward_code": 29077,
        "ward_name": "Xã Lộc Thuận",
        "street": "Ấp 2, gần bến cá",
        "story_vi": (
            "Anh Chín Hùng từng là ngư dân, nay cùng vợ mở cơ sở làm khô ngay bên bến cá. Cá "
            "tươi mua từ ghe về buổi sáng được làm sạch, ướp muối nhạt và phơi một nắng trên "
            "giàn lưới. Khô ít mặn, thịt dày, chiên hay nướng đều thơm. Cơ sở đóng gói hút chân "
            "không và giao hàng lạnh đi các tỉnh."
        ),
        "story_en": (
            "Once a fisherman, Mr Chín Hùng now runs a fish-drying business with his wife right "
            "next to the fishing pier. Fish bought fresh from the boats in the morning is "
            "cleaned, lightly salted and dried for a single day of sun on mesh racks. The result "
            "is thick, mildly salted and fragrant whether fried or grilled. Everything is "
            "vacuum-packed and shipped chilled to other provinces."
        ),
        "founded_year": 2003,
        "members": 3,
        "phone": "0963972950",
        "email": "khocachinhung@example.vn",
    },
    {
        "slug": "cong-ty-du-lich-con-thoi-thuan",
        "name": "Công ty TNHH Du lịch sinh thái Cồn Thới Thuận",
        "kind": "enterprise",
        "legacy_district": "binh-dai",
        "ward_code": 29107,
        "ward_name": "Xã Thới Thuận",
        "street": "Ấp Thừa Trung",
        "story_vi": (
            "Công ty do một nhóm bạn trẻ quê Thới Thuận lập ra để giới thiệu biển và rừng ngập "
            "mặn Bình Đại với du khách. Các tour đi bằng ghe của ngư dân địa phương, ăn hải sản "
            "do chính bà con đánh bắt và ngủ tại những ngôi nhà ven biển. Một phần doanh thu "
            "được dùng để trồng lại rừng đước. Hướng dẫn viên đều là người địa phương, kể chuyện "
            "bằng giọng Bến Tre mộc mạc."
        ),
        "story_en": (
            "A group of young friends from Thới Thuận founded the company to show visitors the "
            "sea and mangrove forests of Bình Đại. Tours use local fishermen's boats, serve "
            "seafood caught by the villagers and stay in seaside homes. Part of the revenue is "
            "used to replant the mangroves. All the guides are locals who tell their stories in "
            "the plain-spoken Bến Tre way."
        ),
        "founded_year": 2017,
        "members": 22,
        "phone": "0940835501",
        "email": "dulichconthoithuan@example.vn",
    },
    {
        "slug": "htx-bo-tan-xuan",
        "name": "HTX Chăn nuôi bò Tân Xuân",
        "kind": "cooperative",
        "legacy_district": "ba-tri",
        "ward_code": 29137,
        "ward_name": "Xã Tân Xuân",
        "street": "Ấp Tân Quới",
        "story_vi": (
            "Bò Ba Tri nổi tiếng khắp miền Tây nhờ được chăn thả trên những giồng cát ven biển, "
            "ăn cỏ và rơm của vùng đất mặn. Hợp tác xã có 74 hộ chăn nuôi, cùng nhau giữ giống "
            "bò vàng địa phương và làm chuồng trại hợp vệ sinh. Thịt bò được chế biến thành khô "
            "bò, bò một nắng theo công thức truyền thống. Mỗi lô hàng đều có giấy kiểm dịch và "
            "mã truy xuất nguồn gốc."
        ),
        "story_en": (
            "Ba Tri cattle are famous across the Mekong Delta, grazed on the coastal sand ridges "
            "on grass and straw from the salty land. The cooperative's 74 farming families work "
            "together to keep the local yellow cattle breed and run clean barns. The beef is "
            "made into jerky and sun-dried beef using traditional recipes. Every lot comes with "
            "a veterinary certificate and a traceability code."
        ),
        "founded_year": 2015,
        "members": 74,
        "phone": "0903680148",
        "email": "botanxuan@example.vn",
    },
    {
        "slug": "co-so-nuoc-mam-sau-cuong",
        "name": "Cơ sở Nước mắm Sáu Cường",
        "kind": "household",
        "legacy_district": "ba-tri",
        "ward_code": 29125,
        "ward_name": "Xã Bảo Thạnh",
        "street": "Ấp Bảo Lợi",
        "story_vi": (
            "Nhà ông Sáu Cường ủ nước mắm trong những lu sành và thùng gỗ đặt giữa sân, dưới "
            "nắng gió biển Ba Tri. Chỉ có cá cơm và muối hột, ba phần cá một phần muối, ủ ít "
            "nhất một năm mới kéo rút. Nước mắm màu cánh gián, đạm cao, hậu vị ngọt. Ông vẫn tự "
            "tay nếm từng mẻ trước khi đóng chai."
        ),
        "story_en": (
            "Mr Sáu Cường's family ferments fish sauce in earthenware jars and wooden vats in "
            "the yard, under the sun and sea wind of Ba Tri. There are only two ingredients, "
            "anchovies and coarse sea salt, three parts fish to one of salt, aged for at least a "
            "year before the first draw. The sauce is a deep amber, high in protein, with a "
            "sweet finish. He still tastes every batch himself before it is bottled."
        ),
        "founded_year": 1990,
        "members": 4,
        "phone": "0925409952",
        "email": "nuocmamsaucuong@example.vn",
    },
    {
        "slug": "co-so-ruou-dua-tu-luc",
        "name": "Cơ sở Rượu dừa Tư Lực",
        "kind": "household",
        "legacy_district": "ba-tri",
        "ward_code": 29143,
        "ward_name": "Xã An Ngãi Trung",
        "street": "Ấp An Lợi",
        "story_vi": (
            "Rượu dừa của anh Tư Lực được nấu từ nếp trắng Ba Tri, chưng cất hai lần rồi rót vào "
            "trái dừa xiêm còn nguyên, bịt kín bằng sáp ong. Sau vài tuần, rượu ngấm nước dừa và "
            "cơm dừa, trở nên êm, ngọt và thơm. Mỗi trái dừa được chọn kỹ và khắc hoa văn bằng "
            "tay. Đây là món quà quê được du khách mang về nhiều nhất."
        ),
        "story_en": (
            "Mr Tư Lực distils his coconut wine twice from Ba Tri white sticky rice, then pours "
            "it into whole green coconuts sealed with beeswax. After a few weeks the spirit "
            "takes on the coconut water and meat and becomes smooth, sweet and fragrant. Each "
            "coconut is hand-picked and carved by hand. It is the local gift visitors take home "
            "most often."
        ),
        "founded_year": 2007,
        "members": 2,
        "phone": "0975967476",
        "email": "ruouduatuluc@example.vn",
    },
    {
        "slug": "htx-tom-sinh-thai-thanh-hai",
        "name": "HTX Tôm sinh thái Thạnh Hải",
        "kind": "cooperative",
        "legacy_district": "thanh-phu",
        "ward_code": 29221,
        "ward_name": "Xã Thạnh Hải",
        "street": "Ấp Thạnh Lợi",
        "story_vi": (
            "Các thành viên hợp tác xã nuôi tôm sú dưới tán rừng đước ven biển Thạnh Phú, không "
            "dùng thức ăn công nghiệp hay kháng sinh. Tôm lớn chậm nhờ nguồn thức ăn tự nhiên "
            "của rừng nên thịt chắc và ngọt. Hợp tác xã vừa giữ rừng, vừa nuôi tôm, làm tôm khô "
            "và mắm tôm theo cách của ông bà. Sản phẩm đã đạt chứng nhận nuôi tôm sinh thái."
        ),
        "story_en": (
            "The cooperative's members raise black tiger prawns under the mangroves of the Thạnh "
            "Phú coast, with no industrial feed and no antibiotics. Feeding on what the forest "
            "provides, the prawns grow slowly and their flesh is firm and sweet. The cooperative "
            "protects the forest, farms the prawns and makes dried prawns and shrimp paste the "
            "way the grandparents did. Its products are certified as eco-farmed."
        ),
        "founded_year": 2016,
        "members": 58,
        "phone": "0900893728",
        "email": "tomsinhthaithanhhai@example.vn",
    },
    {
        "slug": "cong-ty-sua-dua-dai-dien",
        "name": "Công ty Cổ phần Thực phẩm Dừa Đại Điền",
        "kind": "enterprise",
        "legacy_district": "thanh-phu",
        "ward_code": 29194,
        "ward_name": "Xã Đại Điền",
        "street": "Ấp Phú Thạnh, đường tỉnh 885",
        "story_vi": (
            "Công ty chuyên làm sữa dừa, nước cốt dừa và các món ngon từ dừa cho bếp gia đình và "
            "nhà hàng. Dừa khô được mua từ các hộ ở Thạnh Phú, nạo và vắt ngay trong ngày để "
            "nước cốt giữ độ béo và mùi thơm. Sản phẩm được tiệt trùng, không chất bảo quản. "
            "Công ty đã đưa sữa dừa Bến Tre lên kệ các chuỗi siêu thị lớn."
        ),
        "story_en": (
            "The company makes coconut milk, coconut cream and coconut treats for home kitchens "
            "and restaurants. Mature coconuts are bought from Thạnh Phú families, grated and "
            "pressed the same day so the cream keeps its richness and aroma. Products are "
            "sterilised and contain no preservatives. The company has put Bến Tre coconut milk "
            "on the shelves of major supermarket chains."
        ),
        "founded_year": 2012,
        "members": 60,
        "phone": "0974480312",
        "email": "suaduadaidien@example.vn",
    },
    {
        "slug": "tht-du-lich-thanh-phong",
        "name": "Tổ hợp tác Du lịch cộng đồng Thạnh Phong",
        "kind": "cooperative_group",
        "legacy_district": "thanh-phu",
        "ward_code": 29227,
        "ward_name": "Xã Thạnh Phong",
        "street": "Ấp Thạnh Qui",
        "story_vi": (
            "Mười lăm gia đình ở Thạnh Phong mở cửa nhà đón khách, cùng nhau làm du lịch cộng "
            "đồng ven biển. Khách theo chân người dân đi cào nghêu, bắt ốc, chèo xuồng trong "
            "rừng ngập mặn và ngắm hoàng hôn trên cồn cát. Bữa cơm được nấu từ sản vật của biển "
            "và vườn nhà. Tiền thu từ du lịch được chia đều, một phần được trích ra để giữ sạch "
            "bãi biển."
        ),
        "story_en": (
            "Fifteen families in Thạnh Phong open their homes to guests and run coastal "
            "community tourism together. Visitors follow the villagers to rake clams, gather "
            "snails, paddle through the mangroves and watch the sunset over the dunes. Meals are "
            "cooked from what the sea and the gardens provide. Income is shared equally, and "
            "part of it pays for keeping the beach clean."
        ),
        "founded_year": 2020,
        "members": 15,
        "phone": "0947631430",
        "email": "dulichthanhphong@example.vn",
    },
]

PRODUCTS = [
    # htx-keo-dua-thanh-thoi
    {
        "slug": "keo-dua-sau-rieng-thanh-thoi",
        "cooperative": "htx-keo-dua-thanh-thoi",
        "category": "1.3",
        "name_vi": "Kẹo dừa sầu riêng",
        "name_en": "Durian coconut candy",
        "description_vi": (
            "Kẹo dừa dẻo nấu từ nước cốt dừa tươi, mạch nha gạo và **cơm sầu riêng Ri6 Chợ "
            "Lách**. Vị béo của dừa quyện mùi sầu riêng nồng nàn, ngọt vừa phải. Mỗi viên được "
            "gói hai lớp: bánh tráng mỏng ăn được và giấy sáp."
        ),
        "description_en": (
            "Chewy candy cooked from fresh coconut cream, rice malt and **Ri6 durian from Chợ "
            "Lách**. The richness of coconut meets the heady aroma of durian, with a moderate "
            "sweetness. Each piece is wrapped twice: in edible rice paper and in wax paper."
        ),
        "unit": "hộp 400 g",
        "price_vnd": 55000,
        "stock": 320,
        "weight_g": 420,
        "shelf_life_days": 180,
        "created_days_ago": 48,
        "certificate": {
            "stars": 5,
            "score": 91,
            "level": "central",
            "issuing_body": "Bộ Nông nghiệp và Phát triển nông thôn",
            "decision_number": "237/QĐ-BNN-VPĐP",
            "decision_date": "2024-09-18",
            "certificate_number": "TW-OCOP-2024-0462",
            "issued_on": "2024-09-25",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "keo-dua-la-dua-thanh-thoi",
        "cooperative": "htx-keo-dua-thanh-thoi",
        "category": "1.3",
        "name_vi": "Kẹo dừa lá dứa",
        "name_en": "Pandan coconut candy",
        "description_vi": (
            "Màu xanh và mùi thơm của kẹo đến hoàn toàn từ **nước cốt lá dứa tươi**, không dùng "
            "hương liệu. Kẹo mềm, dẻo, thơm mát, rất hợp với một ấm trà nóng."
        ),
        "description_en": (
            "Its green colour and scent come entirely from **fresh pandan leaf juice**, with no "
            "flavourings. Soft, chewy and fragrant, it goes beautifully with a pot of hot tea."
        ),
        "unit": "hộp 400 g",
        "price_vnd": 50000,
        "stock": 280,
        "weight_g": 420,
        "shelf_life_days": 180,
        "created_days_ago": 231,
        "certificate": {
            "stars": 4,
            "score": 87,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "1705/QĐ-UBND",
            "decision_date": "2024-03-22",
            "certificate_number": "BT-OCOP-2024-0142",
            "issued_on": "2024-03-24",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "keo-dua-dau-phong-thanh-thoi",
        "cooperative": "htx-keo-dua-thanh-thoi",
        "category": "1.3",
        "name_vi": "Kẹo dừa đậu phộng",
        "name_en": "Peanut coconut candy",
        "description_vi": (
            "Đậu phộng rang củi, bóc vỏ lụa, trộn vào khối kẹo dừa khi còn dẻo nóng. Mỗi viên "
            "vừa dẻo vừa bùi, giòn nhẹ."
        ),
        "description_en": (
            "Wood-roasted peanuts, skins removed, folded into the coconut candy while it is "
            "still warm. Each piece is chewy, nutty and lightly crunchy."
        ),
        "unit": "hộp 400 g",
        "price_vnd": 50000,
        "stock": 410,
        "weight_g": 420,
        "shelf_life_days": 180,
        "created_days_ago": 354,
        "certificate": {
            "stars": 4,
            "score": 73,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "2822/QĐ-UBND",
            "decision_date": "2025-02-14",
            "certificate_number": "BT-OCOP-2025-0259",
            "issued_on": "2025-02-20",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "keo-dua-ca-cao-thanh-thoi",
        "cooperative": "htx-keo-dua-thanh-thoi",
        "category": "1.3",
        "name_vi": "Kẹo dừa ca cao",
        "name_en": "Cocoa coconut candy",
        "description_vi": (
            "Ca cao nguyên chất trồng dưới tán dừa Bến Tre làm nên viên kẹo màu nâu sẫm, đắng "
            "nhẹ và thơm. Ít ngọt hơn kẹo truyền thống, hợp với người thích sô-cô-la."
        ),
        "description_en": (
            "Pure cocoa grown under Bến Tre's coconut palms gives this candy its dark brown "
            "colour, gentle bitterness and aroma. Less sweet than the classic, perfect for "
            "chocolate lovers."
        ),
        "unit": "hộp 400 g",
        "price_vnd": 60000,
        "stock": 150,
        "weight_g": 420,
        "shelf_life_days": 180,
        "created_days_ago": 337,
        "certificate": {
            "stars": 4,
            "score": 79,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "1106/QĐ-UBND",
            "decision_date": "2025-10-08",
            "certificate_number": "VL-OCOP-2025-0899",
            "issued_on": "2025-10-14",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "keo-dua-sua-thanh-thoi",
        "cooperative": "htx-keo-dua-thanh-thoi",
        "category": "1.3",
        "name_vi": "Kẹo dừa sữa",
        "name_en": "Milk coconut candy",
        "description_vi": (
            "Công thức truyền thống thêm sữa tươi cho viên kẹo màu ngà, béo ngậy và mềm tan. Món "
            "quà quen thuộc của Mỏ Cày cho trẻ nhỏ lẫn người lớn tuổi."
        ),
        "description_en": (
            "The classic recipe with fresh milk added, for an ivory-coloured candy that is "
            "creamy and melts in the mouth. Mỏ Cày's familiar treat for children and "
            "grandparents alike."
        ),
        "unit": "hộp 400 g",
        "price_vnd": 52000,
        "stock": 0,
        "weight_g": 420,
        "shelf_life_days": 180,
        "created_days_ago": 14,
        "certificate": {
            "stars": 3,
            "score": 67,
            "level": "district",
            "issuing_body": "UBND huyện Mỏ Cày Nam",
            "decision_number": "862/QĐ-UBND",
            "decision_date": "2024-07-05",
            "certificate_number": "BT-OCOP-2024-0475",
            "issued_on": "2024-07-07",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "keo-dua-hop-qua-5-vi",
        "cooperative": "htx-keo-dua-thanh-thoi",
        "category": "1.3",
        "name_vi": "Hộp quà kẹo dừa 5 vị",
        "name_en": "Coconut candy gift box, 5 flavours",
        "description_vi": (
            "Hộp quà gồm năm vị kẹo dừa của hợp tác xã:\n\n"
            "- truyền thống\n"
            "- sầu riêng\n"
            "- lá dứa\n"
            "- đậu phộng\n"
            "- ca cao\n\n"
            "Hộp giấy in họa tiết lá dừa, thích hợp làm quà Tết."
        ),
        "description_en": (
            "A gift box with five of the cooperative's flavours:\n\n"
            "- classic\n"
            "- durian\n"
            "- pandan\n"
            "- peanut\n"
            "- cocoa\n\n"
            "The paper box is printed with a coconut-leaf pattern, ideal as a Tết gift."
        ),
        "unit": "hộp 1 kg",
        "price_vnd": 165000,
        "stock": 90,
        "weight_g": 1050,
        "shelf_life_days": 180,
        "created_days_ago": 216,
        "certificate": {
            "stars": 5,
            "score": 92,
            "level": "central",
            "issuing_body": "Bộ Nông nghiệp và Môi trường",
            "decision_number": "2683/QĐ-BNNMT",
            "decision_date": "2025-04-21",
            "certificate_number": "TW-OCOP-2025-0447",
            "issued_on": "2025-04-24",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "keo-dua-it-duong-thanh-thoi",
        "cooperative": "htx-keo-dua-thanh-thoi",
        "category": "1.3",
        "name_vi": "Kẹo dừa ít đường",
        "name_en": "Low-sugar coconut candy",
        "description_vi": (
            "Giảm 30% đường so với công thức truyền thống, thay một phần mạch nha bằng **đường "
            "hoa dừa**. Kẹo vẫn dẻo thơm, hậu vị nhẹ nhàng."
        ),
        "description_en": (
            "30% less sugar than the classic recipe, with part of the malt replaced by "
            "**coconut-blossom sugar**. Still chewy and fragrant, with a lighter finish."
        ),
        "unit": "gói 250 g",
        "price_vnd": 48000,
        "stock": 200,
        "weight_g": 260,
        "shelf_life_days": 150,
        "created_days_ago": 188,
        "certificate": {
            "stars": 3,
            "score": 57,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "1443/QĐ-UBND",
            "decision_date": "2026-05-12",
            "certificate_number": "VL-OCOP-2026-0765",
            "issued_on": "2026-05-13",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "keo-dua-gung-thanh-thoi",
        "cooperative": "htx-keo-dua-thanh-thoi",
        "category": "1.3",
        "name_vi": "Kẹo dừa gừng",
        "name_en": "Ginger coconut candy",
        "description_vi": (
            "Vị mới đang thử nghiệm với gừng tươi giã nhuyễn, cay ấm. Hợp tác xã đang hoàn thiện "
            "bao bì và hồ sơ để nâng hạng sản phẩm."
        ),
        "description_en": (
            "A new trial flavour with freshly pounded ginger for a warm, spicy bite. The "
            "cooperative is finishing the packaging and paperwork to raise its rating."
        ),
        "unit": "gói 250 g",
        "price_vnd": 45000,
        "stock": 60,
        "weight_g": 260,
        "shelf_life_days": 180,
        "created_days_ago": 108,
        "certificate": {
            "stars": 2,
            "score": 43,
            "level": "district",
            "issuing_body": "UBND huyện Mỏ Cày Nam",
            "decision_number": "1951/QĐ-UBND",
            "decision_date": "2025-05-20",
            "certificate_number": None,
            "issued_on": "2025-05-26",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    # co-so-keo-dua-tu-hien
    {
        "slug": "keo-dua-truyen-thong-tu-hien",
        "cooperative": "co-so-keo-dua-tu-hien",
        "category": "1.3",
        "name_vi": "Kẹo dừa truyền thống Tư Hiền",
        "name_en": "Tư Hiền classic coconut candy",
        "description_vi": (
            "Chỉ ba nguyên liệu: **nước cốt dừa, mạch nha và đường**. Nấu trên chảo đồng, khuấy "
            "tay suốt hai giờ, cắt viên khi còn ấm. Vị kẹo đúng như ở chợ Mỏ Cày những năm tám "
            "mươi."
        ),
        "description_en": (
            "Just three ingredients: **coconut cream, malt and sugar**. Cooked in a copper pan, "
            "stirred by hand for two hours and cut while still warm. It tastes exactly like the "
            "candy at Mỏ Cày market in the eighties."
        ),
        "unit": "gói 500 g",
        "price_vnd": 60000,
        "stock": 240,
        "weight_g": 520,
        "shelf_life_days": 120,
        "created_days_ago": 263,
        "certificate": {
            "stars": 4,
            "score": 87,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "1536/QĐ-UBND",
            "decision_date": "2024-11-06",
            "certificate_number": "BT-OCOP-2024-0673",
            "issued_on": "2024-11-12",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "keo-dua-sua-sau-rieng-tu-hien",
        "cooperative": "co-so-keo-dua-tu-hien",
        "category": "1.3",
        "name_vi": "Kẹo dừa sữa sầu riêng",
        "name_en": "Durian milk coconut candy",
        "description_vi": (
            "Kẹo dừa sữa thêm sầu riêng chín cây, vị đậm đà và béo. Gói bánh tráng và giấy kiếng "
            "theo kiểu truyền thống."
        ),
        "description_en": (
            "Milk coconut candy with tree-ripened durian, rich and full-flavoured. Wrapped in "
            "rice paper and cellophane the traditional way."
        ),
        "unit": "gói 500 g",
        "price_vnd": 70000,
        "stock": 130,
        "weight_g": 520,
        "shelf_life_days": 120,
        "created_days_ago": 274,
        "certificate": {
            "stars": 3,
            "score": 54,
            "level": "district",
            "issuing_body": "UBND huyện Mỏ Cày Nam",
            "decision_number": "3296/QĐ-UBND",
            "decision_date": "2024-11-06",
            "certificate_number": "BT-OCOP-2024-0933",
            "issued_on": "2024-11-13",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "keo-dua-me-den-tu-hien",
        "cooperative": "co-so-keo-dua-tu-hien",
        "category": "1.3",
        "name_vi": "Kẹo dừa mè đen",
        "name_en": "Black sesame coconut candy",
        "description_vi": (
            "Mè đen rang thơm rắc đều trên mặt kẹo, vị bùi và ít ngọt. Cơ sở đang cải tiến bao "
            "bì và nhãn mác để dự thi nâng hạng."
        ),
        "description_en": (
            "Toasted black sesame scattered over the candy, nutty and not too sweet. The family "
            "is improving the packaging and label before applying for a higher rating."
        ),
        "unit": "gói 250 g",
        "price_vnd": 38000,
        "stock": 85,
        "weight_g": 260,
        "shelf_life_days": 120,
        "created_days_ago": 227,
        "certificate": {
            "stars": 2,
            "score": 46,
            "level": "district",
            "issuing_body": "UBND huyện Mỏ Cày Nam",
            "decision_number": "2347/QĐ-UBND",
            "decision_date": "2024-06-18",
            "certificate_number": None,
            "issued_on": "2024-06-24",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "keo-chuoi-gung-tu-hien",
        "cooperative": "co-so-keo-dua-tu-hien",
        "category": "1.3",
        "name_vi": "Kẹo chuối gừng",
        "name_en": "Banana ginger candy",
        "description_vi": (
            "Chuối xiêm chín được sên với đường, gừng và nước cốt dừa, cán mỏng, cắt thanh và "
            "gói bánh tráng. Vị ngọt thanh, cay nhẹ, dẻo dai."
        ),
        "description_en": (
            "Ripe Siamese bananas cooked down with sugar, ginger and coconut cream, rolled thin, "
            "cut into bars and wrapped in rice paper. Gently sweet, slightly spicy and "
            "pleasantly chewy."
        ),
        "unit": "gói 300 g",
        "price_vnd": 42000,
        "stock": 180,
        "weight_g": 310,
        "shelf_life_days": 150,
        "created_days_ago": 396,
        "certificate": {
            "stars": 3,
            "score": 64,
            "level": "district",
            "issuing_body": "UBND huyện Mỏ Cày Nam",
            "decision_number": "2839/QĐ-UBND",
            "decision_date": "2023-05-10",
            "certificate_number": "BT-OCOP-2023-0534",
            "issued_on": "2023-05-13",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
        # First rated a potential product; the program's support lifted it to 3★ (/program).
        "earlier": [{
            "stars": 2,
            "score": 44,
            "level": "district",
            "issuing_body": "UBND huyện Mỏ Cày Nam",
            "decision_number": "1915/QĐ-UBND",
            "decision_date": "2020-09-18",
            "issued_on": "2020-09-22",
            "criteria_version": "1048/QĐ-TTg (2019)",
        }],
    },
    {
        "slug": "banh-dua-nuong-tu-hien",
        "cooperative": "co-so-keo-dua-tu-hien",
        "category": "1.4",
        "name_vi": "Bánh dừa nướng",
        "name_en": "Baked coconut biscuits",
        "description_vi": (
            "Cơm dừa nạo sợi trộn bột mì, trứng và đường, nướng than đến khi vàng giòn. Bánh "
            "thơm, giòn tan, hợp để nhâm nhi với trà."
        ),
        "description_en": (
            "Shredded coconut mixed with flour, egg and sugar and baked over charcoal until "
            "golden. Fragrant, crisp biscuits to enjoy with tea."
        ),
        "unit": "hộp 200 g",
        "price_vnd": 45000,
        "stock": 95,
        "weight_g": 220,
        "shelf_life_days": 90,
        "created_days_ago": 26,
        "certificate": {
            "stars": 3,
            "score": 62,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "658/QĐ-UBND",
            "decision_date": "2025-08-15",
            "certificate_number": "VL-OCOP-2025-0435",
            "issued_on": "2025-08-15",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    # co-so-mut-dua-hai-thu
    {
        "slug": "mut-dua-non-nhieu-vi",
        "cooperative": "co-so-mut-dua-hai-thu",
        "category": "1.3",
        "name_vi": "Mứt dừa non nhiều vị",
        "name_en": "Young coconut jam, mixed flavours",
        "description_vi": (
            "Mứt dừa non dẻo mềm với sáu màu tự nhiên:\n\n"
            "- lá dứa\n"
            "- khoai lang tím\n"
            "- bí đỏ\n"
            "- thanh long\n"
            "- cà phê\n"
            "- nguyên vị\n\n"
            "Ít ngọt, không phẩm màu."
        ),
        "description_en": (
            "Soft young-coconut jam in six natural colours:\n\n"
            "- pandan\n"
            "- purple sweet potato\n"
            "- pumpkin\n"
            "- dragon fruit\n"
            "- coffee\n"
            "- plain\n\n"
            "Lightly sweet, no artificial colours."
        ),
        "unit": "hộp 500 g",
        "price_vnd": 95000,
        "stock": 140,
        "weight_g": 540,
        "shelf_life_days": 90,
        "created_days_ago": 197,
        "certificate": {
            "stars": 4,
            "score": 85,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "2586/QĐ-UBND",
            "decision_date": "2024-12-10",
            "certificate_number": "BT-OCOP-2024-0288",
            "issued_on": "2024-12-15",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "mut-dua-la-dua-hai-thu",
        "cooperative": "co-so-mut-dua-hai-thu",
        "category": "1.3",
        "name_vi": "Mứt dừa lá dứa",
        "name_en": "Pandan coconut jam",
        "description_vi": (
            "Sợi dừa bánh tẻ sên với nước cốt lá dứa tươi, xanh mướt và thơm dịu. Mứt ráo mặt, "
            "mềm bên trong. Hàng làm theo mùa Tết, vui lòng đặt trước."
        ),
        "description_en": (
            "Half-mature coconut ribbons candied with fresh pandan juice, bright green and "
            "delicately scented. Dry outside, tender inside. Made for the Tết season; please "
            "pre-order."
        ),
        "unit": "hộp 300 g",
        "price_vnd": 60000,
        "stock": 0,
        "weight_g": 330,
        "shelf_life_days": 90,
        "created_days_ago": 296,
        "certificate": {
            "stars": 3,
            "score": 51,
            "level": "district",
            "issuing_body": "UBND huyện Mỏ Cày Bắc",
            "decision_number": "3310/QĐ-UBND",
            "decision_date": "2025-01-08",
            "certificate_number": "BT-OCOP-2025-0556",
            "issued_on": "2025-01-15",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "mut-dua-it-duong-hai-thu",
        "cooperative": "co-so-mut-dua-hai-thu",
        "category": "1.3",
        "name_vi": "Mứt dừa ít đường",
        "name_en": "Low-sugar coconut jam",
        "description_vi": (
            "Sên với lượng đường chỉ bằng một nửa công thức cũ nên giữ rõ vị béo của dừa. Nên "
            "bảo quản ngăn mát sau khi mở hộp."
        ),
        "description_en": (
            "Candied with half the sugar of the old recipe, so the richness of the coconut comes "
            "through. Keep refrigerated once opened."
        ),
        "unit": "hộp 300 g",
        "price_vnd": 65000,
        "stock": 75,
        "weight_g": 330,
        "shelf_life_days": 60,
        "created_days_ago": 282,
        "certificate": {
            "stars": 3,
            "score": 53,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "251/QĐ-UBND",
            "decision_date": "2026-01-15",
            "certificate_number": "VL-OCOP-2026-0981",
            "issued_on": "2026-01-15",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "mut-dua-ca-phe-hai-thu",
        "cooperative": "co-so-mut-dua-hai-thu",
        "category": "1.3",
        "name_vi": "Mứt dừa cà phê",
        "name_en": "Coffee coconut jam",
        "description_vi": (
            "Sợi dừa sên với cà phê phin đậm, vị ngọt đắng hài hòa. Sản phẩm mới, chưa tham gia "
            "đánh giá OCOP."
        ),
        "description_en": (
            "Coconut ribbons candied with strong filter coffee, a balance of sweet and bitter. A "
            "new product, not yet assessed for OCOP."
        ),
        "unit": "hộp 300 g",
        "price_vnd": 65000,
        "stock": 40,
        "weight_g": 330,
        "shelf_life_days": 90,
        "created_days_ago": 6,
        "certificate": None,
    },
    # co-so-thach-dua-nam-lanh
    {
        "slug": "thach-dua-la-dua-nam-lanh",
        "cooperative": "co-so-thach-dua-nam-lanh",
        "category": "1.3",
        "name_vi": "Thạch dừa lá dứa",
        "name_en": "Pandan coconut jelly",
        "description_vi": (
            "Thạch dừa giòn sần sật ngâm nước đường lá dứa. Dùng lạnh, thêm vào chè, sữa chua "
            "hay trà sữa."
        ),
        "description_en": (
            "Crunchy coconut jelly steeped in pandan syrup. Serve chilled, or add to sweet "
            "soups, yoghurt or milk tea."
        ),
        "unit": "hũ 500 g",
        "price_vnd": 35000,
        "stock": 260,
        "weight_g": 550,
        "shelf_life_days": 60,
        "created_days_ago": 345,
        "certificate": {
            "stars": 3,
            "score": 51,
            "level": "district",
            "issuing_body": "UBND huyện Mỏ Cày Bắc",
            "decision_number": "2004/QĐ-UBND",
            "decision_date": "2024-08-20",
            "certificate_number": "BT-OCOP-2024-0582",
            "issued_on": "2024-08-20",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "thach-dua-tho-nam-lanh",
        "cooperative": "co-so-thach-dua-nam-lanh",
        "category": "1.3",
        "name_vi": "Thạch dừa thô",
        "name_en": "Raw coconut jelly (nata de coco)",
        "description_vi": (
            "Tấm thạch dừa lên men tự nhiên, đã cắt hạt lựu, chưa tẩm đường. Dành cho quán chè, "
            "quán trà sữa và người thích tự pha chế."
        ),
        "description_en": (
            "Naturally fermented coconut jelly, diced and unsweetened. For dessert and milk-tea "
            "shops and for home cooks who like to make their own."
        ),
        "unit": "túi 1 kg",
        "price_vnd": 30000,
        "stock": 400,
        "weight_g": 1000,
        "shelf_life_days": 30,
        "created_days_ago": 135,
        "certificate": {
            "stars": 3,
            "score": 66,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "1072/QĐ-UBND",
            "decision_date": "2022-07-12",
            "certificate_number": "BT-OCOP-2022-0413",
            "issued_on": "2022-07-12",
            "criteria_version": "1048/QĐ-TTg (2019)",
        },
    },
    {
        "slug": "thach-dua-nguyen-trai",
        "cooperative": "co-so-thach-dua-nam-lanh",
        "category": "1.3",
        "name_vi": "Thạch dừa nguyên trái",
        "name_en": "Coconut jelly in the shell",
        "description_vi": (
            "Nước dừa xiêm được làm đông ngay trong trái dừa, mát lạnh và ngọt thanh. Giao trong "
            "ngày ở khu vực Bến Tre, bảo quản ngăn mát."
        ),
        "description_en": (
            "Green coconut water set into jelly inside its own shell, cool and gently sweet. "
            "Same-day delivery around Bến Tre; keep refrigerated."
        ),
        "unit": "trái",
        "price_vnd": 35000,
        "stock": 120,
        "weight_g": 900,
        "shelf_life_days": 7,
        "created_days_ago": 40,
        "certificate": {
            "stars": 4,
            "score": 80,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "3287/QĐ-UBND",
            "decision_date": "2025-06-10",
            "certificate_number": "BT-OCOP-2025-0588",
            "issued_on": "2025-06-10",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    # co-so-nuoc-mau-dua-co-sau
    {
        "slug": "nuoc-mau-dua-co-sau",
        "cooperative": "co-so-nuoc-mau-dua-co-sau",
        "category": "1.6",
        "name_vi": "Nước màu dừa",
        "name_en": "Coconut caramel sauce",
        "description_vi": (
            "Thắng từ **100% nước dừa già** trên bếp củi, không đường, không phẩm màu. Chỉ cần "
            "một muỗng cho nồi cá kho tộ, thịt kho hột vịt lên màu đẹp và thơm."
        ),
        "description_en": (
            "Reduced from **100% mature coconut water** over a wood fire, with no added sugar or "
            "colouring. One spoonful gives clay-pot fish or braised pork and eggs a beautiful "
            "colour and aroma."
        ),
        "unit": "chai 250 ml",
        "price_vnd": 38000,
        "stock": 350,
        "weight_g": 330,
        "shelf_life_days": 365,
        "created_days_ago": 103,
        "certificate": {
            "stars": 4,
            "score": 85,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "1192/QĐ-UBND",
            "decision_date": "2024-05-28",
            "certificate_number": "BT-OCOP-2024-0856",
            "issued_on": "2024-05-31",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "nuoc-mau-dua-co-sau-chai-lon",
        "cooperative": "co-so-nuoc-mau-dua-co-sau",
        "category": "1.6",
        "name_vi": "Nước màu dừa chai lớn",
        "name_en": "Coconut caramel sauce, large",
        "description_vi": (
            "Cùng nước màu dừa Cô Sáu trong chai lớn, tiện cho gia đình đông người và quán ăn."
        ),
        "description_en": (
            "The same coconut caramel from Ms Sáu in a larger bottle, for big families and "
            "eateries."
        ),
        "unit": "chai 500 ml",
        "price_vnd": 65000,
        "stock": 180,
        "weight_g": 620,
        "shelf_life_days": 365,
        "created_days_ago": 180,
        "certificate": {
            "stars": 4,
            "score": 87,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "1192/QĐ-UBND",
            "decision_date": "2024-05-28",
            "certificate_number": "BT-OCOP-2024-0758",
            "issued_on": "2024-05-31",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "nuoc-kho-tieu-nuoc-dua",
        "cooperative": "co-so-nuoc-mau-dua-co-sau",
        "category": "1.6",
        "name_vi": "Nước kho tiêu nước dừa",
        "name_en": "Coconut braising sauce with pepper",
        "description_vi": (
            "Nước kho pha sẵn từ nước màu dừa, nước mắm, tiêu và hành phi. Sản phẩm đang được hỗ "
            "trợ hoàn thiện quy trình để nâng hạng."
        ),
        "description_en": (
            "A ready braising sauce of coconut caramel, fish sauce, pepper and fried shallots. "
            "The family is being supported to improve the process and raise its rating."
        ),
        "unit": "chai 300 ml",
        "price_vnd": 45000,
        "stock": 90,
        "weight_g": 380,
        "shelf_life_days": 270,
        "created_days_ago": 166,
        "certificate": {
            "stars": 2,
            "score": 40,
            "level": "district",
            "issuing_body": "UBND thành phố Bến Tre",
            "decision_number": "2873/QĐ-UBND",
            "decision_date": "2025-03-11",
            "certificate_number": None,
            "issued_on": "2025-03-14",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    # htx-dua-huu-co-tan-thanh-binh
    {
        "slug": "dua-kho-huu-co",
        "cooperative": "htx-dua-huu-co-tan-thanh-binh",
        "category": "1.1",
        "name_vi": "Dừa khô hữu cơ",
        "name_en": "Organic mature coconuts",
        "description_vi": (
            "Dừa khô hữu cơ đã lột vỏ xanh, cơm dày, nước ngọt. Dùng để vắt nước cốt, nấu chè "
            "hay làm bánh."
        ),
        "description_en": (
            "Husked organic mature coconuts with thick meat and sweet water. For pressing cream, "
            "sweet soups and baking."
        ),
        "unit": "bao 10 trái",
        "price_vnd": 150000,
        "stock": 300,
        "weight_g": 12000,
        "shelf_life_days": 60,
        "created_days_ago": 86,
        "certificate": {
            "stars": 4,
            "score": 85,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "734/QĐ-UBND",
            "decision_date": "2025-09-03",
            "certificate_number": "VL-OCOP-2025-0991",
            "issued_on": "2025-09-04",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "nuoc-dua-huu-co-dong-chai",
        "cooperative": "htx-dua-huu-co-tan-thanh-binh",
        "category": "2.2",
        "name_vi": "Nước dừa hữu cơ đóng chai",
        "name_en": "Organic bottled coconut water",
        "description_vi": (
            "Nước dừa xiêm hữu cơ **nguyên chất 100%**, không thêm đường, tiệt trùng nhẹ để giữ "
            "vị tươi. Chứng nhận hữu cơ, truy xuất đến từng vườn."
        ),
        "description_en": (
            "**100% pure** organic green coconut water, no added sugar, gently sterilised to "
            "keep its fresh taste. Certified organic and traceable to the orchard."
        ),
        "unit": "thùng 12 chai 330 ml",
        "price_vnd": 216000,
        "stock": 140,
        "weight_g": 4400,
        "shelf_life_days": 270,
        "created_days_ago": 40,
        "certificate": {
            "stars": 5,
            "score": 91,
            "level": "central",
            "issuing_body": "Bộ Nông nghiệp và Phát triển nông thôn",
            "decision_number": "664/QĐ-BNN-VPĐP",
            "decision_date": "2024-10-15",
            "certificate_number": "TW-OCOP-2024-0436",
            "issued_on": "2024-10-18",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "duong-hoa-dua-huu-co",
        "cooperative": "htx-dua-huu-co-tan-thanh-binh",
        "category": "1.3",
        "name_vi": "Đường hoa dừa hữu cơ",
        "name_en": "Organic coconut-blossom sugar",
        "description_vi": (
            "Mật hoa dừa hữu cơ được cô đặc và kết tinh thành đường màu nâu vàng, thơm mùi "
            "caramel. Chỉ số đường huyết thấp hơn đường mía, hợp pha cà phê và làm bánh."
        ),
        "description_en": (
            "Organic coconut-blossom sap reduced and crystallised into golden-brown sugar with a "
            "caramel scent. Lower glycaemic index than cane sugar; lovely in coffee and baking."
        ),
        "unit": "hũ 300 g",
        "price_vnd": 95000,
        "stock": 110,
        "weight_g": 360,
        "shelf_life_days": 540,
        "created_days_ago": 57,
        "certificate": {
            "stars": 5,
            "score": 93,
            "level": "central",
            "issuing_body": "Bộ Nông nghiệp và Môi trường",
            "decision_number": "3216/QĐ-BNNMT",
            "decision_date": "2025-05-06",
            "certificate_number": "TW-OCOP-2025-0215",
            "issued_on": "2025-05-07",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "giam-dua-huu-co",
        "cooperative": "htx-dua-huu-co-tan-thanh-binh",
        "category": "1.6",
        "name_vi": "Giấm dừa hữu cơ",
        "name_en": "Organic coconut vinegar",
        "description_vi": (
            "Giấm lên men tự nhiên từ nước dừa hữu cơ trong chum sành sáu tháng. Vị chua dịu, "
            "dùng trộn gỏi, ngâm chua hay pha nước uống."
        ),
        "description_en": (
            "Vinegar naturally fermented from organic coconut water in earthenware jars for six "
            "months. Mildly sour, for salads, pickles or drinks."
        ),
        "unit": "chai 500 ml",
        "price_vnd": 70000,
        "stock": 90,
        "weight_g": 600,
        "shelf_life_days": 720,
        "created_days_ago": 237,
        "certificate": {
            "stars": 4,
            "score": 73,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "2594/QĐ-UBND",
            "decision_date": "2026-03-18",
            "certificate_number": "VL-OCOP-2026-0815",
            "issued_on": "2026-03-19",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "bot-ca-cao-tan-thanh-binh",
        "cooperative": "htx-dua-huu-co-tan-thanh-binh",
        "category": "1.8",
        "name_vi": "Bột ca cao nguyên chất",
        "name_en": "Pure cocoa powder",
        "description_vi": (
            "Hạt ca cao trồng xen dưới tán dừa, lên men sáu ngày, phơi nắng và rang xay tại hợp "
            "tác xã. Bột mịn, đắng thơm, không pha đường."
        ),
        "description_en": (
            "Cocoa beans grown under the coconut palms, fermented for six days, sun-dried, "
            "roasted and ground at the cooperative. Fine, bitter and aromatic, with no sugar."
        ),
        "unit": "gói 250 g",
        "price_vnd": 120000,
        "stock": 60,
        "weight_g": 260,
        "shelf_life_days": 365,
        "created_days_ago": 123,
        "certificate": {
            "stars": 3,
            "score": 57,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "152/QĐ-UBND",
            "decision_date": "2026-07-22",
            "certificate_number": "VL-OCOP-2026-0889",
            "issued_on": "2026-07-27",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    # cong-ty-dua-huong-my
    {
        "slug": "dau-dua-tinh-khiet-huong-my",
        "cooperative": "cong-ty-dua-huong-my",
        "category": "3.3",
        "name_vi": "Dầu dừa tinh khiết ép lạnh",
        "name_en": "Cold-pressed virgin coconut oil",
        "description_vi": (
            "Dầu dừa tinh khiết ép lạnh từ cơm dừa tươi, không tẩy màu, không khử mùi. Dùng để:\n"
            "\n"
            "- dưỡng da, dưỡng tóc\n"
            "- tẩy trang\n"
            "- chế biến món ăn\n\n"
            "Đạt chuẩn HACCP, ISO 22000."
        ),
        "description_en": (
            "Virgin coconut oil cold-pressed from fresh coconut meat, never bleached or "
            "deodorised. Use it for:\n\n"
            "- skin and hair care\n"
            "- removing make-up\n"
            "- cooking\n\n"
            "Made to HACCP and ISO 22000 standards."
        ),
        "unit": "chai 500 ml",
        "price_vnd": 165000,
        "stock": 260,
        "weight_g": 560,
        "shelf_life_days": 730,
        "created_days_ago": 300,
        "certificate": {
            "stars": 5,
            "score": 93,
            "level": "central",
            "issuing_body": "Bộ Nông nghiệp và Phát triển nông thôn",
            "decision_number": "2155/QĐ-BNN-VPĐP",
            "decision_date": "2024-02-26",
            "certificate_number": "TW-OCOP-2024-0712",
            "issued_on": "2024-03-03",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "com-dua-say-gion",
        "cooperative": "cong-ty-dua-huong-my",
        "category": "1.3",
        "name_vi": "Cơm dừa sấy giòn",
        "name_en": "Toasted coconut chips",
        "description_vi": (
            "Cơm dừa cắt lát mỏng, sấy giòn với chút muối biển. Món ăn vặt giòn rụm, béo nhẹ, "
            "không chiên dầu."
        ),
        "description_en": (
            "Thin slices of coconut meat toasted crisp with a pinch of sea salt. A crunchy, "
            "lightly rich snack, never fried."
        ),
        "unit": "gói 100 g",
        "price_vnd": 45000,
        "stock": 380,
        "weight_g": 110,
        "shelf_life_days": 270,
        "created_days_ago": 197,
        "certificate": {
            "stars": 4,
            "score": 80,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "1220/QĐ-UBND",
            "decision_date": "2024-09-09",
            "certificate_number": "BT-OCOP-2024-0920",
            "issued_on": "2024-09-09",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "com-dua-say-caramel-muoi",
        "cooperative": "cong-ty-dua-huong-my",
        "category": "1.3",
        "name_vi": "Cơm dừa sấy vị caramel muối",
        "name_en": "Salted caramel coconut chips",
        "description_vi": (
            "Lát dừa sấy giòn phủ lớp caramel đường hoa dừa và muối biển Bến Tre. Ngọt mặn hài "
            "hòa."
        ),
        "description_en": (
            "Toasted coconut chips coated in coconut-blossom-sugar caramel and Bến Tre sea salt. "
            "Sweet and salty in balance."
        ),
        "unit": "gói 100 g",
        "price_vnd": 49000,
        "stock": 210,
        "weight_g": 110,
        "shelf_life_days": 270,
        "created_days_ago": 292,
        "certificate": {
            "stars": 3,
            "score": 51,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "1973/QĐ-UBND",
            "decision_date": "2025-12-02",
            "certificate_number": "VL-OCOP-2025-0430",
            "issued_on": "2025-12-08",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "dau-dua-nau-an-huong-my",
        "cooperative": "cong-ty-dua-huong-my",
        "category": "1.3",
        "name_vi": "Dầu dừa nấu ăn",
        "name_en": "Coconut cooking oil",
        "description_vi": (
            "Dầu dừa tinh luyện chịu nhiệt cao, không mùi, dùng chiên xào hằng ngày. Chứng nhận "
            "OCOP của sản phẩm đã hết hạn và đang được đánh giá lại."
        ),
        "description_en": (
            "Refined coconut oil with a high smoke point and no coconut taste, for everyday "
            "frying. The product's OCOP certificate has expired and is being renewed."
        ),
        "unit": "chai 1 lít",
        "price_vnd": 135000,
        "stock": 150,
        "weight_g": 1050,
        "shelf_life_days": 540,
        "created_days_ago": 67,
        "certificate": {
            "stars": 4,
            "score": 86,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "977/QĐ-UBND",
            "decision_date": "2023-08-14",
            "certificate_number": "BT-OCOP-2023-0987",
            "issued_on": "2023-08-16",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    # cong-ty-dau-dua-luong-quoi
    {
        "slug": "dau-dua-luong-quoi-ep-lanh",
        "cooperative": "cong-ty-dau-dua-luong-quoi",
        "category": "3.3",
        "name_vi": "Dầu dừa Lương Quới ép lạnh",
        "name_en": "Lương Quới cold-pressed coconut oil",
        "description_vi": (
            "Ép lạnh trong vòng sáu giờ sau khi tách trái, lắng lọc tự nhiên, **không qua "
            "nhiệt**. Dầu trong như nước, thơm nhẹ mùi dừa tươi."
        ),
        "description_en": (
            "Pressed within six hours of cracking the nut and settled naturally, **never "
            "heated**. Clear as water with a light scent of fresh coconut."
        ),
        "unit": "chai 250 ml",
        "price_vnd": 95000,
        "stock": 300,
        "weight_g": 300,
        "shelf_life_days": 730,
        "created_days_ago": 132,
        "certificate": {
            "stars": 5,
            "score": 92,
            "level": "central",
            "issuing_body": "Bộ Nông nghiệp và Môi trường",
            "decision_number": "2229/QĐ-BNNMT",
            "decision_date": "2025-11-20",
            "certificate_number": "TW-OCOP-2025-0972",
            "issued_on": "2025-11-21",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "kem-duong-da-dau-dua",
        "cooperative": "cong-ty-dau-dua-luong-quoi",
        "category": "3.2",
        "name_vi": "Kem dưỡng da dầu dừa",
        "name_en": "Coconut oil moisturising cream",
        "description_vi": (
            "Kem dưỡng ẩm từ dầu dừa ép lạnh, bơ hạt mỡ và nha đam. Thấm nhanh, không nhờn rít, "
            "phù hợp da khô và da nhạy cảm."
        ),
        "description_en": (
            "A moisturiser of cold-pressed coconut oil, shea butter and aloe vera. Absorbs "
            "quickly without greasiness; suits dry and sensitive skin."
        ),
        "unit": "hũ 50 g",
        "price_vnd": 145000,
        "stock": 120,
        "weight_g": 90,
        "shelf_life_days": 730,
        "created_days_ago": 7,
        "certificate": {
            "stars": 4,
            "score": 79,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "1319/QĐ-UBND",
            "decision_date": "2024-06-03",
            "certificate_number": "BT-OCOP-2024-0571",
            "issued_on": "2024-06-06",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "vien-nang-dau-dua",
        "cooperative": "cong-ty-dau-dua-luong-quoi",
        "category": "3.1",
        "name_vi": "Viên nang dầu dừa",
        "name_en": "Coconut oil softgels",
        "description_vi": (
            "Thực phẩm bảo vệ sức khỏe từ dầu dừa tinh khiết, giàu axit lauric. Sản phẩm này "
            "không phải là thuốc và không có tác dụng thay thế thuốc chữa bệnh."
        ),
        "description_en": (
            "A health supplement of virgin coconut oil, rich in lauric acid. This product is not "
            "a medicine and does not replace medical treatment."
        ),
        "unit": "hộp 60 viên",
        "price_vnd": 180000,
        "stock": 70,
        "weight_g": 120,
        "shelf_life_days": 730,
        "created_days_ago": 214,
        "certificate": {
            "stars": 3,
            "score": 52,
            "level": "district",
            "issuing_body": "UBND huyện Giồng Trôm",
            "decision_number": "1428/QĐ-UBND",
            "decision_date": "2025-03-27",
            "certificate_number": "BT-OCOP-2025-0446",
            "issued_on": "2025-03-31",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "dau-dua-duong-toc-buoi",
        "cooperative": "cong-ty-dau-dua-luong-quoi",
        "category": "3.2",
        "name_vi": "Dầu dừa dưỡng tóc bưởi",
        "name_en": "Coconut and pomelo hair oil",
        "description_vi": (
            "Dầu dừa ép lạnh ngâm vỏ bưởi da xanh, giúp tóc mềm mượt và giảm gãy rụng. Thoa lên "
            "tóc ẩm trước khi gội 20 phút."
        ),
        "description_en": (
            "Cold-pressed coconut oil infused with green-skin pomelo peel, for soft, smooth hair "
            "with less breakage. Apply to damp hair 20 minutes before washing."
        ),
        "unit": "chai 100 ml",
        "price_vnd": 85000,
        "stock": 0,
        "weight_g": 140,
        "shelf_life_days": 730,
        "created_days_ago": 373,
        "certificate": {
            "stars": 3,
            "score": 67,
            "level": "district",
            "issuing_body": "UBND huyện Giồng Trôm",
            "decision_number": "3356/QĐ-UBND",
            "decision_date": "2024-04-16",
            "certificate_number": "BT-OCOP-2024-0668",
            "issued_on": "2024-04-17",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    # cong-ty-my-pham-dua-son-dong
    {
        "slug": "sua-rua-mat-nuoc-dua",
        "cooperative": "cong-ty-my-pham-dua-son-dong",
        "category": "3.2",
        "name_vi": "Sữa rửa mặt nước dừa",
        "name_en": "Coconut water facial cleanser",
        "description_vi": (
            "Sữa rửa mặt dịu nhẹ từ nước dừa tươi và chất làm sạch gốc dừa, **không xà phòng, "
            "không paraben**. Làm sạch mà không gây khô căng."
        ),
        "description_en": (
            "A gentle cleanser of fresh coconut water and coconut-derived surfactants, "
            "**soap-free and paraben-free**. Cleans without leaving skin tight."
        ),
        "unit": "tuýp 100 ml",
        "price_vnd": 125000,
        "stock": 160,
        "weight_g": 130,
        "shelf_life_days": 730,
        "created_days_ago": 70,
        "certificate": {
            "stars": 4,
            "score": 71,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "2734/QĐ-UBND",
            "decision_date": "2025-07-28",
            "certificate_number": "VL-OCOP-2025-0877",
            "issued_on": "2025-08-04",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "mat-na-nuoc-dua",
        "cooperative": "cong-ty-my-pham-dua-son-dong",
        "category": "3.2",
        "name_vi": "Mặt nạ nước dừa",
        "name_en": "Coconut water sheet masks",
        "description_vi": (
            "Mặt nạ giấy làm từ **sợi thạch dừa** thấm nước dừa tươi lên men và chiết xuất rau "
            "má. Cấp ẩm, làm dịu da sau một ngày nắng."
        ),
        "description_en": (
            "Sheet masks made from **coconut-jelly fibre**, soaked in fermented coconut water "
            "and gotu kola extract. Hydrates and soothes skin after a sunny day."
        ),
        "unit": "hộp 5 miếng",
        "price_vnd": 95000,
        "stock": 220,
        "weight_g": 150,
        "shelf_life_days": 730,
        "created_days_ago": 332,
        "certificate": {
            "stars": 5,
            "score": 93,
            "level": "central",
            "issuing_body": "Bộ Nông nghiệp và Phát triển nông thôn",
            "decision_number": "1840/QĐ-BNN-VPĐP",
            "decision_date": "2024-12-19",
            "certificate_number": "TW-OCOP-2024-0606",
            "issued_on": "2024-12-24",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "dau-goi-dua-bo-ket",
        "cooperative": "cong-ty-my-pham-dua-son-dong",
        "category": "3.2",
        "name_vi": "Dầu gội dừa bồ kết",
        "name_en": "Coconut and honey locust shampoo",
        "description_vi": (
            "Dầu gội thảo mộc theo cách của bà: bồ kết nướng, vỏ bưởi, hương nhu và dầu dừa. Tóc "
            "sạch, mềm, thơm mùi thảo mộc."
        ),
        "description_en": (
            "A herbal shampoo the way grandmother made it: roasted honey locust pods, pomelo "
            "peel, holy basil and coconut oil. Clean, soft hair with a herbal scent."
        ),
        "unit": "chai 300 ml",
        "price_vnd": 115000,
        "stock": 140,
        "weight_g": 340,
        "shelf_life_days": 730,
        "created_days_ago": 62,
        "certificate": {
            "stars": 4,
            "score": 76,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "2196/QĐ-UBND",
            "decision_date": "2026-02-09",
            "certificate_number": "VL-OCOP-2026-0427",
            "issued_on": "2026-02-10",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "xa-phong-dua-nghe",
        "cooperative": "cong-ty-my-pham-dua-son-dong",
        "category": "3.2",
        "name_vi": "Xà phòng dừa nghệ",
        "name_en": "Coconut turmeric soap",
        "description_vi": (
            "Xà phòng thủ công nấu lạnh từ dầu dừa và tinh bột nghệ, ủ khô sáu tuần. Bọt mịn, "
            "dịu da."
        ),
        "description_en": (
            "Cold-process handmade soap of coconut oil and turmeric, cured for six weeks. Fine "
            "lather, gentle on the skin."
        ),
        "unit": "bánh 100 g",
        "price_vnd": 45000,
        "stock": 450,
        "weight_g": 110,
        "shelf_life_days": 730,
        "created_days_ago": 122,
        "certificate": {
            "stars": 3,
            "score": 67,
            "level": "district",
            "issuing_body": "UBND thành phố Bến Tre",
            "decision_number": "1614/QĐ-UBND",
            "decision_date": "2024-01-30",
            "certificate_number": "BT-OCOP-2024-0506",
            "issued_on": "2024-02-05",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "son-duong-moi-dau-dua",
        "cooperative": "cong-ty-my-pham-dua-son-dong",
        "category": "3.2",
        "name_vi": "Son dưỡng môi dầu dừa",
        "name_en": "Coconut oil lip balm",
        "description_vi": (
            "Son dưỡng từ dầu dừa, sáp ong Tân Phú và vitamin E. Sản phẩm tiềm năng, đang hoàn "
            "thiện hồ sơ công bố mỹ phẩm."
        ),
        "description_en": (
            "A lip balm of coconut oil, Tân Phú beeswax and vitamin E. A potential product; the "
            "cosmetic notification file is being completed."
        ),
        "unit": "thỏi 5 g",
        "price_vnd": 55000,
        "stock": 260,
        "weight_g": 20,
        "shelf_life_days": 730,
        "created_days_ago": 216,
        "certificate": {
            "stars": 2,
            "score": 44,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "3198/QĐ-UBND",
            "decision_date": "2025-09-25",
            "certificate_number": None,
            "issued_on": "2025-09-27",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "tinh-dau-sa-chanh-son-dong",
        "cooperative": "cong-ty-my-pham-dua-son-dong",
        "category": "3.3",
        "name_vi": "Tinh dầu sả chanh",
        "name_en": "Lemongrass essential oil",
        "description_vi": (
            "Tinh dầu sả chanh chưng cất hơi nước từ sả trồng ven sông. Xông phòng, đuổi muỗi, "
            "thư giãn."
        ),
        "description_en": (
            "Steam-distilled lemongrass oil from riverside farms. For room diffusers, keeping "
            "mosquitoes away and relaxing."
        ),
        "unit": "chai 10 ml",
        "price_vnd": 65000,
        "stock": 190,
        "weight_g": 40,
        "shelf_life_days": 1095,
        "created_days_ago": 148,
        "certificate": {
            "stars": 3,
            "score": 58,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "2954/QĐ-UBND",
            "decision_date": "2021-11-03",
            "certificate_number": "BT-OCOP-2021-0851",
            "issued_on": "2021-11-05",
            "criteria_version": "1048/QĐ-TTg (2019)",
        },
    },
    # htx-dua-xiem-giao-long
    {
        "slug": "nuoc-dua-xiem-dong-chai",
        "cooperative": "htx-dua-xiem-giao-long",
        "category": "2.2",
        "name_vi": "Nước dừa xiêm xanh đóng chai",
        "name_en": "Bottled green Siamese coconut water",
        "description_vi": (
            "Nước dừa xiêm xanh Giao Long hái đúng bảy tháng tuổi, đóng chai trong ngày. **Không "
            "thêm đường, không chất bảo quản**. Ngon nhất khi uống lạnh."
        ),
        "description_en": (
            "Green Siamese coconuts from Giao Long, picked at seven months and bottled the same "
            "day. **No added sugar, no preservatives**. Best served cold."
        ),
        "unit": "lốc 6 chai 330 ml",
        "price_vnd": 95000,
        "stock": 300,
        "weight_g": 2200,
        "shelf_life_days": 180,
        "created_days_ago": 363,
        "certificate": {
            "stars": 5,
            "score": 94,
            "level": "central",
            "issuing_body": "Bộ Nông nghiệp và Môi trường",
            "decision_number": "2557/QĐ-BNNMT",
            "decision_date": "2025-08-26",
            "certificate_number": "TW-OCOP-2025-0541",
            "issued_on": "2025-09-01",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "dua-xiem-got-kim-cuong",
        "cooperative": "htx-dua-xiem-giao-long",
        "category": "1.2",
        "name_vi": "Dừa xiêm gọt kim cương",
        "name_en": "Diamond-cut green coconuts",
        "description_vi": (
            "Dừa xiêm gọt vỏ hình kim cương, có nắp khui sẵn, chỉ cần cắm ống hút. Bảo quản ngăn "
            "mát."
        ),
        "description_en": (
            "Green coconuts trimmed into a diamond shape with a ready-to-open cap: just add a "
            "straw. Keep refrigerated."
        ),
        "unit": "thùng 9 trái",
        "price_vnd": 162000,
        "stock": 200,
        "weight_g": 9000,
        "shelf_life_days": 21,
        "created_days_ago": 334,
        "certificate": {
            "stars": 4,
            "score": 78,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "2437/QĐ-UBND",
            "decision_date": "2024-04-02",
            "certificate_number": "BT-OCOP-2024-0638",
            "issued_on": "2024-04-09",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "dua-xiem-xanh-trai",
        "cooperative": "htx-dua-xiem-giao-long",
        "category": "1.1",
        "name_vi": "Dừa xiêm xanh nguyên trái",
        "name_en": "Whole green Siamese coconuts",
        "description_vi": (
            "Dừa xiêm xanh nguyên trái hái tại vườn, nước ngọt thanh. Giao theo chục, phù hợp "
            "gia đình, quán nước."
        ),
        "description_en": (
            "Whole green Siamese coconuts picked from the orchard, with sweet, refreshing water. "
            "Sold by the dozen for families and drink stalls."
        ),
        "unit": "chục 12 trái",
        "price_vnd": 180000,
        "stock": 500,
        "weight_g": 18000,
        "shelf_life_days": 30,
        "created_days_ago": 381,
        "certificate": {
            "stars": 3,
            "score": 65,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "206/QĐ-UBND",
            "decision_date": "2026-08-14",
            "certificate_number": "VL-OCOP-2026-0135",
            "issued_on": "2026-08-15",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "nuoc-dua-xiem-lon",
        "cooperative": "htx-dua-xiem-giao-long",
        "category": "2.2",
        "name_vi": "Nước dừa xiêm lon",
        "name_en": "Canned green coconut water",
        "description_vi": (
            "Nước dừa xiêm đóng lon tiện mang theo. Chứng nhận OCOP đã hết hạn; hợp tác xã tạm "
            "ngừng sản xuất để đổi dây chuyền."
        ),
        "description_en": (
            "Green coconut water in handy cans. The OCOP certificate has expired; the "
            "cooperative has paused production while it replaces the canning line."
        ),
        "unit": "thùng 24 lon 250 ml",
        "price_vnd": 264000,
        "stock": 0,
        "weight_g": 6800,
        "shelf_life_days": 365,
        "created_days_ago": 30,
        "certificate": {
            "stars": 3,
            "score": 68,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "1950/QĐ-UBND",
            "decision_date": "2020-09-21",
            "certificate_number": "BT-OCOP-2020-0103",
            "issued_on": "2020-09-21",
            "criteria_version": "1048/QĐ-TTg (2019)",
        },
    },
    # cong-ty-sua-dua-dai-dien
    {
        "slug": "sua-dua-nguyen-chat-dai-dien",
        "cooperative": "cong-ty-sua-dua-dai-dien",
        "category": "2.2",
        "name_vi": "Sữa dừa nguyên chất",
        "name_en": "Pure coconut milk drink",
        "description_vi": (
            "Sữa dừa uống liền từ nước cốt dừa tươi, ít ngọt, tiệt trùng UHT. Thay sữa bò cho "
            "người ăn chay hoặc không dung nạp lactose."
        ),
        "description_en": (
            "Ready-to-drink coconut milk from fresh coconut cream, lightly sweetened and "
            "UHT-treated. A dairy alternative for vegetarians and the lactose intolerant."
        ),
        "unit": "hộp 1 lít",
        "price_vnd": 58000,
        "stock": 320,
        "weight_g": 1060,
        "shelf_life_days": 270,
        "created_days_ago": 50,
        "certificate": {
            "stars": 4,
            "score": 85,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "212/QĐ-UBND",
            "decision_date": "2025-01-20",
            "certificate_number": "BT-OCOP-2025-0759",
            "issued_on": "2025-01-21",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "sua-dua-ca-cao-dai-dien",
        "cooperative": "cong-ty-sua-dua-dai-dien",
        "category": "2.2",
        "name_vi": "Sữa dừa ca cao",
        "name_en": "Cocoa coconut milk drink",
        "description_vi": "Sữa dừa pha ca cao Bến Tre, hộp nhỏ tiện mang đi học, đi làm.",
        "description_en": "Coconut milk with Bến Tre cocoa, in small cartons for school and work.",
        "unit": "lốc 4 hộp 180 ml",
        "price_vnd": 42000,
        "stock": 400,
        "weight_g": 780,
        "shelf_life_days": 270,
        "created_days_ago": 127,
        "certificate": {
            "stars": 3,
            "score": 60,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "407/QĐ-UBND",
            "decision_date": "2026-04-07",
            "certificate_number": "VL-OCOP-2026-0152",
            "issued_on": "2026-04-07",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "nuoc-cot-dua-dam-dac",
        "cooperative": "cong-ty-sua-dua-dai-dien",
        "category": "1.3",
        "name_vi": "Nước cốt dừa đậm đặc",
        "name_en": "Thick coconut cream",
        "description_vi": (
            "Nước cốt dừa vắt lần đầu, **béo 24%**, không chất bảo quản. Dùng cho chè, cà ri, "
            "bánh và các món kho."
        ),
        "description_en": (
            "First-press coconut cream, **24% fat**, no preservatives. For sweet soups, curries, "
            "cakes and braises."
        ),
        "unit": "hộp 400 ml",
        "price_vnd": 39000,
        "stock": 480,
        "weight_g": 430,
        "shelf_life_days": 540,
        "created_days_ago": 275,
        "certificate": {
            "stars": 5,
            "score": 91,
            "level": "central",
            "issuing_body": "Bộ Nông nghiệp và Phát triển nông thôn",
            "decision_number": "2503/QĐ-BNN-VPĐP",
            "decision_date": "2024-07-30",
            "certificate_number": "TW-OCOP-2024-0149",
            "issued_on": "2024-08-06",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "bot-sua-dua-dai-dien",
        "cooperative": "cong-ty-sua-dua-dai-dien",
        "category": "1.3",
        "name_vi": "Bột sữa dừa",
        "name_en": "Coconut milk powder",
        "description_vi": (
            "Nước cốt dừa sấy phun thành bột, pha với nước ấm là có nước cốt tức thì. Tiện mang "
            "đi xa."
        ),
        "description_en": (
            "Spray-dried coconut cream: mix with warm water for instant coconut milk. Easy to "
            "take travelling."
        ),
        "unit": "gói 300 g",
        "price_vnd": 68000,
        "stock": 150,
        "weight_g": 310,
        "shelf_life_days": 540,
        "created_days_ago": 292,
        "certificate": {
            "stars": 4,
            "score": 78,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "1649/QĐ-UBND",
            "decision_date": "2026-09-10",
            "certificate_number": "VL-OCOP-2026-0584",
            "issued_on": "2026-09-15",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "ca-phe-cot-dua-hoa-tan",
        "cooperative": "cong-ty-sua-dua-dai-dien",
        "category": "1.8",
        "name_vi": "Cà phê cốt dừa hòa tan",
        "name_en": "Instant coconut cream coffee",
        "description_vi": (
            "Cà phê robusta rang mộc hòa cùng bột cốt dừa Đại Điền. Pha nước nóng hoặc thêm đá."
        ),
        "description_en": (
            "Plain-roasted robusta blended with Đại Điền coconut cream powder. Add hot water, or "
            "pour over ice."
        ),
        "unit": "hộp 10 gói × 25 g",
        "price_vnd": 75000,
        "stock": 230,
        "weight_g": 280,
        "shelf_life_days": 540,
        "created_days_ago": 347,
        "certificate": {
            "stars": 3,
            "score": 61,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "692/QĐ-UBND",
            "decision_date": "2025-10-30",
            "certificate_number": "VL-OCOP-2025-0127",
            "issued_on": "2025-11-02",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    # co-so-ruou-dua-tu-luc
    {
        "slug": "ruou-dua-nguyen-trai",
        "cooperative": "co-so-ruou-dua-tu-luc",
        "category": "2.1",
        "name_vi": "Rượu dừa nguyên trái",
        "name_en": "Coconut wine in the shell",
        "description_vi": (
            "Rượu nếp chưng cất hai lần, ủ trong trái dừa xiêm bịt sáp ong. Vị êm, ngọt hậu, "
            "thơm mùi dừa. Nồng độ 29% vol. *Không bán cho người dưới 18 tuổi.*"
        ),
        "description_en": (
            "Twice-distilled rice spirit aged in a green coconut sealed with beeswax. Smooth, "
            "with a sweet finish and a coconut aroma. 29% ABV. *Not sold to anyone under 18.*"
        ),
        "unit": "trái (khoảng 700 ml)",
        "price_vnd": 150000,
        "stock": 120,
        "weight_g": 1800,
        "shelf_life_days": 365,
        "created_days_ago": 94,
        "certificate": {
            "stars": 4,
            "score": 79,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "455/QĐ-UBND",
            "decision_date": "2024-10-01",
            "certificate_number": "BT-OCOP-2024-0465",
            "issued_on": "2024-10-04",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "ruou-dua-chai-tu-luc",
        "cooperative": "co-so-ruou-dua-tu-luc",
        "category": "2.1",
        "name_vi": "Rượu dừa chai",
        "name_en": "Bottled coconut wine",
        "description_vi": (
            "Rượu dừa đóng chai thủy tinh, tiện làm quà. Chứng nhận OCOP đã hết hạn, cơ sở đang "
            "làm hồ sơ đánh giá lại. *Không bán cho người dưới 18 tuổi.*"
        ),
        "description_en": (
            "Coconut wine in a glass bottle, easy to give as a gift. The OCOP certificate has "
            "expired and a renewal is being prepared. *Not sold to anyone under 18.*"
        ),
        "unit": "chai 500 ml",
        "price_vnd": 120000,
        "stock": 90,
        "weight_g": 900,
        "shelf_life_days": 1095,
        "created_days_ago": 210,
        "certificate": {
            "stars": 3,
            "score": 59,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "2836/QĐ-UBND",
            "decision_date": "2022-04-18",
            "certificate_number": "BT-OCOP-2022-0208",
            "issued_on": "2022-04-21",
            "criteria_version": "1048/QĐ-TTg (2019)",
        },
    },
    # tht-ong-mat-tan-phu
    {
        "slug": "mat-ong-hoa-dua",
        "cooperative": "tht-ong-mat-tan-phu",
        "category": "1.2",
        "name_vi": "Mật ong hoa dừa",
        "name_en": "Coconut-blossom honey",
        "description_vi": (
            "Mật ong nguyên chất từ hoa dừa, màu vàng nhạt, vị ngọt dịu. Không cho ong ăn đường, "
            "độ ẩm dưới 20%."
        ),
        "description_en": (
            "Pure honey from coconut blossoms, pale gold and gently sweet. The bees are never "
            "fed sugar; moisture below 20%."
        ),
        "unit": "chai 500 ml",
        "price_vnd": 180000,
        "stock": 140,
        "weight_g": 720,
        "shelf_life_days": 730,
        "created_days_ago": 204,
        "certificate": {
            "stars": 4,
            "score": 72,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "873/QĐ-UBND",
            "decision_date": "2025-04-02",
            "certificate_number": "BT-OCOP-2025-0980",
            "issued_on": "2025-04-06",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "mat-ong-hoa-dua-chai-nho",
        "cooperative": "tht-ong-mat-tan-phu",
        "category": "1.2",
        "name_vi": "Mật ong hoa dừa chai nhỏ",
        "name_en": "Coconut-blossom honey, small bottle",
        "description_vi": (
            "Cùng mật ong hoa dừa Tân Phú trong chai nhỏ, hợp để dùng thử hoặc làm quà."
        ),
        "description_en": (
            "The same Tân Phú coconut-blossom honey in a small bottle, to try or to give."
        ),
        "unit": "chai 250 ml",
        "price_vnd": 95000,
        "stock": 210,
        "weight_g": 380,
        "shelf_life_days": 730,
        "created_days_ago": 358,
        "certificate": {
            "stars": 4,
            "score": 72,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "873/QĐ-UBND",
            "decision_date": "2025-04-02",
            "certificate_number": "BT-OCOP-2025-0397",
            "issued_on": "2025-04-06",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "phan-hoa-ong-tan-phu",
        "cooperative": "tht-ong-mat-tan-phu",
        "category": "1.2",
        "name_vi": "Phấn hoa ong",
        "name_en": "Bee pollen",
        "description_vi": (
            "Phấn hoa do ong thu từ hoa dừa và hoa vườn, phơi sấy nhẹ. Sản phẩm tiềm năng, tổ "
            "hợp tác đang được hỗ trợ xây dựng tiêu chuẩn cơ sở."
        ),
        "description_en": (
            "Pollen gathered by the bees from coconut and garden flowers, gently dried. A "
            "potential product; the group is being helped to write its quality standard."
        ),
        "unit": "hũ 200 g",
        "price_vnd": 160000,
        "stock": 45,
        "weight_g": 240,
        "shelf_life_days": 540,
        "created_days_ago": 238,
        "certificate": {
            "stars": 1,
            "score": 23,
            "level": "district",
            "issuing_body": "UBND huyện Châu Thành",
            "decision_number": "1995/QĐ-UBND",
            "decision_date": "2024-08-07",
            "certificate_number": None,
            "issued_on": "2024-08-07",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    # co-so-banh-phong-son-doc-ba-nho
    {
        "slug": "banh-phong-sua-son-doc",
        "cooperative": "co-so-banh-phong-son-doc-ba-nho",
        "category": "1.4",
        "name_vi": "Bánh phồng sữa Sơn Đốc",
        "name_en": "Sơn Đốc milk puffed rice cakes",
        "description_vi": (
            "Bánh phồng nếp giã tay với **sữa tươi, đường thốt nốt và nước cốt dừa**. Nướng than "
            "hoặc nướng lò vi sóng 40 giây, bánh nở phồng, giòn xốp."
        ),
        "description_en": (
            "Hand-pounded sticky-rice cakes with **fresh milk, palm sugar and coconut cream**. "
            "Grill over charcoal or microwave for 40 seconds and they puff up crisp and airy."
        ),
        "unit": "gói 10 cái",
        "price_vnd": 60000,
        "stock": 300,
        "weight_g": 500,
        "shelf_life_days": 180,
        "created_days_ago": 388,
        "certificate": {
            "stars": 5,
            "score": 95,
            "level": "central",
            "issuing_body": "Bộ Nông nghiệp và Phát triển nông thôn",
            "decision_number": "3192/QĐ-BNN-VPĐP",
            "decision_date": "2024-05-15",
            "certificate_number": "TW-OCOP-2024-0907",
            "issued_on": "2024-05-20",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "banh-phong-nep-la-dua",
        "cooperative": "co-so-banh-phong-son-doc-ba-nho",
        "category": "1.4",
        "name_vi": "Bánh phồng nếp lá dứa",
        "name_en": "Pandan sticky-rice puffed cakes",
        "description_vi": "Bánh phồng nếp xanh màu lá dứa tự nhiên, thơm dịu, ít ngọt.",
        "description_en": (
            "Sticky-rice puffed cakes coloured naturally with pandan, delicately fragrant and "
            "not too sweet."
        ),
        "unit": "gói 10 cái",
        "price_vnd": 60000,
        "stock": 180,
        "weight_g": 500,
        "shelf_life_days": 180,
        "created_days_ago": 376,
        "certificate": {
            "stars": 4,
            "score": 74,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "1600/QĐ-UBND",
            "decision_date": "2024-05-15",
            "certificate_number": "BT-OCOP-2024-0548",
            "issued_on": "2024-05-16",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "banh-phong-sau-rieng",
        "cooperative": "co-so-banh-phong-son-doc-ba-nho",
        "category": "1.4",
        "name_vi": "Bánh phồng sầu riêng",
        "name_en": "Durian puffed rice cakes",
        "description_vi": "Thêm cơm sầu riêng Chợ Lách vào bột nếp, bánh nướng lên thơm lừng.",
        "description_en": (
            "Chợ Lách durian pounded into the sticky-rice dough: the whole kitchen smells of it "
            "when they are grilled."
        ),
        "unit": "gói 10 cái",
        "price_vnd": 70000,
        "stock": 90,
        "weight_g": 500,
        "shelf_life_days": 180,
        "created_days_ago": 301,
        "certificate": {
            "stars": 3,
            "score": 61,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "1970/QĐ-UBND",
            "decision_date": "2025-12-16",
            "certificate_number": "VL-OCOP-2025-0308",
            "issued_on": "2025-12-20",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "banh-phong-mini-chien-san",
        "cooperative": "co-so-banh-phong-son-doc-ba-nho",
        "category": "1.4",
        "name_vi": "Bánh phồng mini chiên sẵn",
        "name_en": "Ready-fried mini puffed cakes",
        "description_vi": (
            "Bánh phồng cỡ nhỏ đã chiên giòn, ăn liền. Sản phẩm tiềm năng đang cải tiến để giữ "
            "giòn lâu hơn."
        ),
        "description_en": (
            "Bite-size puffed cakes, already fried and ready to eat. A potential product being "
            "improved to stay crisp for longer."
        ),
        "unit": "hũ 200 g",
        "price_vnd": 45000,
        "stock": 0,
        "weight_g": 230,
        "shelf_life_days": 90,
        "created_days_ago": 110,
        "certificate": {
            "stars": 2,
            "score": 48,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "268/QĐ-UBND",
            "decision_date": "2026-02-24",
            "certificate_number": None,
            "issued_on": "2026-03-03",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    # co-so-banh-trang-my-long-ut-thao
    {
        "slug": "banh-trang-my-long-nuoc-dua",
        "cooperative": "co-so-banh-trang-my-long-ut-thao",
        "category": "1.4",
        "name_vi": "Bánh tráng Mỹ Lồng nước dừa",
        "name_en": "Mỹ Lồng coconut rice paper",
        "description_vi": (
            "Bánh tráng gạo pha **nước cốt dừa và mè đen**, tráng tay, phơi nắng. Nướng than cho "
            "giòn, ăn kèm chè hoặc bẻ vào gỏi."
        ),
        "description_en": (
            "Rice paper made with **coconut cream and black sesame**, hand-steamed and "
            "sun-dried. Grill over charcoal until crisp; eat with sweet soups or crumble over "
            "salads."
        ),
        "unit": "xấp 10 cái",
        "price_vnd": 35000,
        "stock": 420,
        "weight_g": 400,
        "shelf_life_days": 180,
        "created_days_ago": 29,
        "certificate": {
            "stars": 4,
            "score": 72,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "1820/QĐ-UBND",
            "decision_date": "2024-03-05",
            "certificate_number": "BT-OCOP-2024-0484",
            "issued_on": "2024-03-12",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "banh-trang-me-nuong-san",
        "cooperative": "co-so-banh-trang-my-long-ut-thao",
        "category": "1.4",
        "name_vi": "Bánh tráng mè nướng sẵn",
        "name_en": "Pre-grilled sesame rice crackers",
        "description_vi": "Bánh tráng Mỹ Lồng đã nướng giòn, đóng túi kín, mở ra ăn ngay.",
        "description_en": "Mỹ Lồng rice paper already grilled crisp and sealed: open and eat.",
        "unit": "túi 5 cái",
        "price_vnd": 30000,
        "stock": 260,
        "weight_g": 200,
        "shelf_life_days": 60,
        "created_days_ago": 244,
        "certificate": {
            "stars": 3,
            "score": 65,
            "level": "district",
            "issuing_body": "UBND huyện Giồng Trôm",
            "decision_number": "1552/QĐ-UBND",
            "decision_date": "2024-03-05",
            "certificate_number": "BT-OCOP-2024-0654",
            "issued_on": "2024-03-11",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "banh-trang-ngot-my-long",
        "cooperative": "co-so-banh-trang-my-long-ut-thao",
        "category": "1.4",
        "name_vi": "Bánh tráng ngọt Mỹ Lồng",
        "name_en": "Sweet Mỹ Lồng rice paper",
        "description_vi": (
            "Bánh tráng pha đường và dừa nạo, dày và béo hơn loại thường. Chứng nhận OCOP đã hết "
            "hạn."
        ),
        "description_en": (
            "Rice paper with sugar and grated coconut, thicker and richer than the plain kind. "
            "Its OCOP certificate has expired."
        ),
        "unit": "xấp 10 cái",
        "price_vnd": 40000,
        "stock": 150,
        "weight_g": 420,
        "shelf_life_days": 180,
        "created_days_ago": 35,
        "certificate": {
            "stars": 3,
            "score": 67,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "667/QĐ-UBND",
            "decision_date": "2021-06-25",
            "certificate_number": "BT-OCOP-2021-0628",
            "issued_on": "2021-06-28",
            "criteria_version": "1048/QĐ-TTg (2019)",
        },
    },
    # tht-xo-dua-an-dinh
    {
        "slug": "tham-xo-dua-chui-chan",
        "cooperative": "tht-xo-dua-an-dinh",
        "category": "4.2",
        "name_vi": "Thảm xơ dừa chùi chân",
        "name_en": "Coir doormat",
        "description_vi": (
            "Thảm đan tay từ xơ dừa se sợi, dày, cứng cáp, cạo sạch bùn đất. Tự phân hủy sau khi "
            "bỏ đi."
        ),
        "description_en": (
            "A hand-woven mat of twisted coir, thick and sturdy, that scrapes off mud. "
            "Biodegrades when its life is over."
        ),
        "unit": "cái 40 × 60 cm",
        "price_vnd": 85000,
        "stock": 300,
        "weight_g": 1400,
        "shelf_life_days": None,
        "created_days_ago": 338,
        "certificate": {
            "stars": 4,
            "score": 72,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "480/QĐ-UBND",
            "decision_date": "2024-08-28",
            "certificate_number": "BT-OCOP-2024-0901",
            "issued_on": "2024-08-30",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "day-xo-dua-se-tay",
        "cooperative": "tht-xo-dua-an-dinh",
        "category": "4.2",
        "name_vi": "Dây xơ dừa se tay",
        "name_en": "Hand-twisted coir rope",
        "description_vi": (
            "Dây xơ dừa ba tao, đường kính 8 mm. Dùng làm giàn cây, buộc hàng rào, trang trí "
            "quán cà phê."
        ),
        "description_en": (
            "Three-strand coir rope, 8 mm thick. For plant trellises, fences and café decoration."
        ),
        "unit": "cuộn 50 m",
        "price_vnd": 120000,
        "stock": 220,
        "weight_g": 2000,
        "shelf_life_days": None,
        "created_days_ago": 227,
        "certificate": {
            "stars": 3,
            "score": 63,
            "level": "district",
            "issuing_body": "UBND huyện Mỏ Cày Nam",
            "decision_number": "1052/QĐ-UBND",
            "decision_date": "2025-05-13",
            "certificate_number": "BT-OCOP-2025-0914",
            "issued_on": "2025-05-14",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "chau-xo-dua-treo",
        "cooperative": "tht-xo-dua-an-dinh",
        "category": "4.2",
        "name_vi": "Chậu xơ dừa treo",
        "name_en": "Hanging coir planter",
        "description_vi": (
            "Chậu xơ dừa ép kèm dây treo, thoát nước tốt, hợp trồng lan, dương xỉ và cây leo."
        ),
        "description_en": (
            "A pressed coir pot with a hanging cord, free-draining, for orchids, ferns and "
            "trailing plants."
        ),
        "unit": "cái đường kính 25 cm",
        "price_vnd": 45000,
        "stock": 480,
        "weight_g": 350,
        "shelf_life_days": None,
        "created_days_ago": 341,
        "certificate": {
            "stars": 3,
            "score": 67,
            "level": "district",
            "issuing_body": "UBND huyện Mỏ Cày Nam",
            "decision_number": "1052/QĐ-UBND",
            "decision_date": "2025-05-13",
            "certificate_number": "BT-OCOP-2025-0205",
            "issued_on": "2025-05-14",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "luoi-xo-dua-chong-xoi-mon",
        "cooperative": "tht-xo-dua-an-dinh",
        "category": "4.2",
        "name_vi": "Lưới xơ dừa chống xói mòn",
        "name_en": "Coir erosion-control netting",
        "description_vi": (
            "Lưới dệt từ sợi xơ dừa dùng gia cố mái đê, bờ kênh và taluy đường. Phân hủy sau 3–5 "
            "năm, khi cỏ đã bén rễ."
        ),
        "description_en": (
            "Woven coir netting to hold dyke slopes, canal banks and road embankments. It breaks "
            "down in 3–5 years, once the grass has rooted."
        ),
        "unit": "cuộn 1 × 25 m",
        "price_vnd": 650000,
        "stock": 40,
        "weight_g": 18000,
        "shelf_life_days": None,
        "created_days_ago": 141,
        "certificate": {
            "stars": 4,
            "score": 85,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "1009/QĐ-UBND",
            "decision_date": "2026-06-30",
            "certificate_number": "VL-OCOP-2026-0897",
            "issued_on": "2026-07-05",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "mun-xo-dua-xu-ly",
        "cooperative": "tht-xo-dua-an-dinh",
        "category": "4.2",
        "name_vi": "Mụn xơ dừa đã xử lý",
        "name_en": "Treated coir pith growing medium",
        "description_vi": "Mụn dừa đã xả chát, giữ ẩm tốt, dùng phối trộn giá thể trồng rau, hoa.",
        "description_en": (
            "Washed coir pith with the tannins rinsed out; holds moisture well, for vegetable "
            "and flower potting mixes."
        ),
        "unit": "bao 20 dm³",
        "price_vnd": 35000,
        "stock": 500,
        "weight_g": 5000,
        "shelf_life_days": None,
        "created_days_ago": 258,
        "certificate": None,
    },
    # co-so-gao-dua-ba-nhan
    {
        "slug": "chen-gao-dua-mai-bong",
        "cooperative": "co-so-gao-dua-ba-nhan",
        "category": "4.2",
        "name_vi": "Bộ chén gáo dừa",
        "name_en": "Polished coconut-shell bowls",
        "description_vi": (
            "Chén gáo dừa mài tay, đánh bóng bằng dầu dừa, dùng đựng salad, trái cây, đồ khô. "
            "Rửa tay, không dùng máy rửa chén."
        ),
        "description_en": (
            "Hand-sanded coconut-shell bowls polished with coconut oil, for salads, fruit and "
            "dry snacks. Hand-wash only, not dishwasher safe."
        ),
        "unit": "bộ 2 cái",
        "price_vnd": 85000,
        "stock": 160,
        "weight_g": 300,
        "shelf_life_days": None,
        "created_days_ago": 29,
        "certificate": {
            "stars": 4,
            "score": 84,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "988/QĐ-UBND",
            "decision_date": "2024-11-22",
            "certificate_number": "BT-OCOP-2024-0265",
            "issued_on": "2024-11-24",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "den-ngu-gao-dua",
        "cooperative": "co-so-gao-dua-ba-nhan",
        "category": "4.2",
        "name_vi": "Đèn ngủ gáo dừa chạm hoa văn",
        "name_en": "Carved coconut-shell night lamp",
        "description_vi": (
            "Gáo dừa được khoan và chạm hàng trăm lỗ nhỏ theo họa tiết hoa sen, hắt ánh sáng "
            "vàng ấm lên tường. Kèm bóng LED và dây cắm."
        ),
        "description_en": (
            "A coconut shell drilled with hundreds of tiny holes in a lotus pattern, casting a "
            "warm golden glow on the walls. LED bulb and cord included."
        ),
        "unit": "cái",
        "price_vnd": 320000,
        "stock": 25,
        "weight_g": 600,
        "shelf_life_days": None,
        "created_days_ago": 296,
        "certificate": {
            "stars": 5,
            "score": 90,
            "level": "central",
            "issuing_body": "Bộ Nông nghiệp và Phát triển nông thôn",
            "decision_number": "3120/QĐ-BNN-VPĐP",
            "decision_date": "2025-02-18",
            "certificate_number": "TW-OCOP-2025-0264",
            "issued_on": "2025-02-24",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "hop-trang-suc-gao-dua",
        "cooperative": "co-so-gao-dua-ba-nhan",
        "category": "4.2",
        "name_vi": "Hộp trang sức gáo dừa",
        "name_en": "Coconut-shell jewellery box",
        "description_vi": (
            "Hộp tròn ghép từ hai nửa gáo dừa, lót vải nhung, khảm xà cừ trên nắp. Chứng nhận "
            "OCOP đã hết hạn."
        ),
        "description_en": (
            "A round box made from two shell halves, velvet-lined, with mother-of-pearl inlay on "
            "the lid. Its OCOP certificate has expired."
        ),
        "unit": "cái",
        "price_vnd": 120000,
        "stock": 60,
        "weight_g": 250,
        "shelf_life_days": None,
        "created_days_ago": 102,
        "certificate": {
            "stars": 3,
            "score": 62,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "2584/QĐ-UBND",
            "decision_date": "2023-02-10",
            "certificate_number": "BT-OCOP-2023-0751",
            "issued_on": "2023-02-15",
            "criteria_version": "1048/QĐ-TTg (2019)",
        },
    },
    {
        "slug": "lot-ly-gao-dua",
        "cooperative": "co-so-gao-dua-ba-nhan",
        "category": "4.2",
        "name_vi": "Bộ lót ly gáo dừa",
        "name_en": "Coconut-shell coasters",
        "description_vi": "Sáu miếng lót ly ghép từ mảnh gáo dừa, phủ dầu chống thấm.",
        "description_en": "Six coasters pieced together from coconut-shell tiles, sealed with oil.",
        "unit": "bộ 6 cái",
        "price_vnd": 75000,
        "stock": 0,
        "weight_g": 200,
        "shelf_life_days": None,
        "created_days_ago": 251,
        "certificate": {
            "stars": 3,
            "score": 68,
            "level": "district",
            "issuing_body": "UBND thành phố Bến Tre",
            "decision_number": "1847/QĐ-UBND",
            "decision_date": "2024-11-22",
            "certificate_number": "BT-OCOP-2024-0481",
            "issued_on": "2024-11-25",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    # htx-thu-cong-my-nghe-dua-luong-hoa
    {
        "slug": "binh-hoa-go-dua",
        "cooperative": "htx-thu-cong-my-nghe-dua-luong-hoa",
        "category": "4.2",
        "name_vi": "Bình hoa gỗ dừa",
        "name_en": "Coconut-wood vase",
        "description_vi": (
            "Tiện nguyên khối từ gỗ thân dừa già, giữ trọn vân đốm đặc trưng. Có ống thủy tinh "
            "bên trong để cắm hoa tươi."
        ),
        "description_en": (
            "Turned from a single block of old coconut trunk, with its distinctive speckled "
            "grain. A glass insert inside holds fresh flowers."
        ),
        "unit": "cái cao 25 cm",
        "price_vnd": 280000,
        "stock": 45,
        "weight_g": 900,
        "shelf_life_days": None,
        "created_days_ago": 258,
        "certificate": {
            "stars": 4,
            "score": 78,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "2209/QĐ-UBND",
            "decision_date": "2025-06-24",
            "certificate_number": "BT-OCOP-2025-0535",
            "issued_on": "2025-06-27",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "khay-go-dua",
        "cooperative": "htx-thu-cong-my-nghe-dua-luong-hoa",
        "category": "4.2",
        "name_vi": "Khay gỗ dừa",
        "name_en": "Coconut-wood serving tray",
        "description_vi": (
            "Khay gỗ dừa có tay cầm, hoàn thiện bằng dầu an toàn thực phẩm. Dùng bày bánh, trái "
            "cây hay bữa sáng."
        ),
        "description_en": (
            "A coconut-wood tray with handles, finished with food-safe oil. For cakes, fruit or "
            "breakfast in bed."
        ),
        "unit": "cái 30 × 20 cm",
        "price_vnd": 230000,
        "stock": 70,
        "weight_g": 800,
        "shelf_life_days": None,
        "created_days_ago": 202,
        "certificate": {
            "stars": 5,
            "score": 94,
            "level": "central",
            "issuing_body": "Bộ Nông nghiệp và Môi trường",
            "decision_number": "2664/QĐ-BNNMT",
            "decision_date": "2026-03-03",
            "certificate_number": "TW-OCOP-2026-0803",
            "issued_on": "2026-03-05",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "gio-dan-la-dua-nuoc",
        "cooperative": "htx-thu-cong-my-nghe-dua-luong-hoa",
        "category": "4.1",
        "name_vi": "Giỏ đan lá dừa nước",
        "name_en": "Nipa palm leaf basket",
        "description_vi": "Giỏ đan tay từ lá dừa nước phơi khô, có quai, dùng đi chợ hay đựng đồ.",
        "description_en": (
            "A hand-woven basket of dried nipa palm leaves, with handles, for the market or "
            "storage."
        ),
        "unit": "cái",
        "price_vnd": 150000,
        "stock": 90,
        "weight_g": 450,
        "shelf_life_days": None,
        "created_days_ago": 388,
        "certificate": {
            "stars": 3,
            "score": 60,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "1214/QĐ-UBND",
            "decision_date": "2025-09-12",
            "certificate_number": "VL-OCOP-2025-0599",
            "issued_on": "2025-09-17",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "khan-ran-det-tay",
        "cooperative": "htx-thu-cong-my-nghe-dua-luong-hoa",
        "category": "4.3",
        "name_vi": "Khăn rằn dệt tay",
        "name_en": "Hand-woven checkered scarf",
        "description_vi": (
            "Khăn rằn ca rô đen trắng dệt bằng khung cửi gỗ, sợi cotton nhuộm tự nhiên. Biểu "
            "tượng của người Nam Bộ."
        ),
        "description_en": (
            "A black-and-white checkered scarf woven on a wooden loom in naturally dyed cotton. "
            "An emblem of southern Vietnam."
        ),
        "unit": "cái 80 × 180 cm",
        "price_vnd": 95000,
        "stock": 200,
        "weight_g": 120,
        "shelf_life_days": None,
        "created_days_ago": 375,
        "certificate": {
            "stars": 3,
            "score": 54,
            "level": "district",
            "issuing_body": "UBND huyện Giồng Trôm",
            "decision_number": "1300/QĐ-UBND",
            "decision_date": "2024-09-25",
            "certificate_number": "BT-OCOP-2024-0287",
            "issued_on": "2024-09-29",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "bo-dua-muong-go-dua",
        "cooperative": "htx-thu-cong-my-nghe-dua-luong-hoa",
        "category": "4.2",
        "name_vi": "Bộ đũa muỗng gỗ dừa",
        "name_en": "Coconut-wood chopsticks and spoons",
        "description_vi": "Năm đôi đũa và năm muỗng gỗ dừa, nhẹ, bền, không sơn phủ.",
        "description_en": (
            "Five pairs of chopsticks and five spoons in coconut wood, light, durable and "
            "unvarnished."
        ),
        "unit": "bộ 10 món",
        "price_vnd": 110000,
        "stock": 130,
        "weight_g": 350,
        "shelf_life_days": None,
        "created_days_ago": 327,
        "certificate": {
            "stars": 4,
            "score": 79,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "2209/QĐ-UBND",
            "decision_date": "2025-06-24",
            "certificate_number": "BT-OCOP-2025-0173",
            "issued_on": "2025-06-27",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    # htx-cay-giong-vinh-thanh
    {
        "slug": "cay-giong-buoi-da-xanh",
        "cooperative": "htx-cay-giong-vinh-thanh",
        "category": "5.2",
        "name_vi": "Cây giống bưởi da xanh ghép",
        "name_en": "Grafted green-skin pomelo seedling",
        "description_vi": (
            "Cây ghép từ cây mẹ bưởi da xanh đã đăng ký, sạch bệnh, bầu đất chắc. Ra trái sau "
            "2–3 năm."
        ),
        "description_en": (
            "Grafted from a registered green-skin pomelo mother tree, disease-free, in a firm "
            "root ball. Bears fruit after 2–3 years."
        ),
        "unit": "cây cao 60–80 cm",
        "price_vnd": 45000,
        "stock": 500,
        "weight_g": 1200,
        "shelf_life_days": None,
        "created_days_ago": 250,
        "certificate": {
            "stars": 4,
            "score": 86,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "2007/QĐ-UBND",
            "decision_date": "2024-10-22",
            "certificate_number": "BT-OCOP-2024-0954",
            "issued_on": "2024-10-28",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "cay-giong-sau-rieng-ri6",
        "cooperative": "htx-cay-giong-vinh-thanh",
        "category": "5.2",
        "name_vi": "Cây giống sầu riêng Ri6",
        "name_en": "Ri6 durian seedling",
        "description_vi": (
            "Giống sầu riêng Ri6 cơm vàng, hạt lép, ghép mắt trên gốc khỏe. Kèm **tài liệu hướng "
            "dẫn trồng và chăm sóc**."
        ),
        "description_en": (
            "Ri6 durian with golden flesh and small seeds, bud-grafted onto vigorous rootstock. "
            "Comes with **a planting and care guide**."
        ),
        "unit": "cây cao 80 cm",
        "price_vnd": 85000,
        "stock": 350,
        "weight_g": 1500,
        "shelf_life_days": None,
        "created_days_ago": 326,
        "certificate": {
            "stars": 5,
            "score": 96,
            "level": "central",
            "issuing_body": "Bộ Nông nghiệp và Môi trường",
            "decision_number": "1571/QĐ-BNNMT",
            "decision_date": "2025-03-14",
            "certificate_number": "TW-OCOP-2025-0590",
            "issued_on": "2025-03-17",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "cay-giong-dua-xiem-lun",
        "cooperative": "htx-cay-giong-vinh-thanh",
        "category": "5.2",
        "name_vi": "Cây giống dừa xiêm lùn",
        "name_en": "Dwarf Siamese coconut seedling",
        "description_vi": (
            "Cây dừa xiêm lùn ươm từ trái giống tuyển chọn, cho trái sau ba năm, thân thấp dễ "
            "hái."
        ),
        "description_en": (
            "Dwarf Siamese coconut grown from selected seed nuts; fruits after three years and "
            "stays low enough to pick easily."
        ),
        "unit": "cây",
        "price_vnd": 60000,
        "stock": 260,
        "weight_g": 6000,
        "shelf_life_days": None,
        "created_days_ago": 96,
        "certificate": {
            "stars": 4,
            "score": 83,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "1763/QĐ-UBND",
            "decision_date": "2026-01-27",
            "certificate_number": "VL-OCOP-2026-0411",
            "issued_on": "2026-02-01",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "cay-giong-mang-cut",
        "cooperative": "htx-cay-giong-vinh-thanh",
        "category": "5.2",
        "name_vi": "Cây giống măng cụt",
        "name_en": "Mangosteen seedling",
        "description_vi": "Cây măng cụt ươm hạt ba năm tuổi, thích hợp vùng đất phù sa ven sông.",
        "description_en": (
            "Three-year-old seed-grown mangosteen, well suited to silty riverside soil."
        ),
        "unit": "cây",
        "price_vnd": 70000,
        "stock": 180,
        "weight_g": 1200,
        "shelf_life_days": None,
        "created_days_ago": 273,
        "certificate": {
            "stars": 3,
            "score": 57,
            "level": "district",
            "issuing_body": "UBND huyện Chợ Lách",
            "decision_number": "2696/QĐ-UBND",
            "decision_date": "2024-02-07",
            "certificate_number": "BT-OCOP-2024-0965",
            "issued_on": "2024-02-12",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "cay-giong-chom-chom-thai",
        "cooperative": "htx-cay-giong-vinh-thanh",
        "category": "5.2",
        "name_vi": "Cây giống chôm chôm Thái",
        "name_en": "Thai rambutan seedling",
        "description_vi": (
            "Chôm chôm Thái ghép, trái to, cơm tróc. Chứng nhận OCOP đã hết hạn, hợp tác xã đang "
            "đánh giá lại."
        ),
        "description_en": (
            "Grafted Thai rambutan with large fruit whose flesh comes away cleanly. The OCOP "
            "certificate has expired and is being renewed."
        ),
        "unit": "cây",
        "price_vnd": 40000,
        "stock": 0,
        "weight_g": 1100,
        "shelf_life_days": None,
        "created_days_ago": 77,
        "certificate": {
            "stars": 3,
            "score": 54,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "3285/QĐ-UBND",
            "decision_date": "2022-10-05",
            "certificate_number": "BT-OCOP-2022-0544",
            "issued_on": "2022-10-06",
            "criteria_version": "1048/QĐ-TTg (2019)",
        },
    },
    # co-so-hoa-kieng-sau-loi
    {
        "slug": "mai-vang-bonsai",
        "cooperative": "co-so-hoa-kieng-sau-loi",
        "category": "5.1",
        "name_vi": "Mai vàng bonsai",
        "name_en": "Golden apricot bonsai",
        "description_vi": (
            "Mai vàng uốn dáng trực, gốc xù xì, tuổi cây trên mười năm. Giao trước Tết kèm hướng "
            "dẫn lặt lá cho hoa nở đúng mùng Một."
        ),
        "description_en": (
            "A formal-upright golden apricot bonsai with a gnarled base, over ten years old. "
            "Delivered before Tết with instructions for stripping the leaves so it blooms on New "
            "Year's Day."
        ),
        "unit": "chậu (cao 60 cm)",
        "price_vnd": 850000,
        "stock": 18,
        "weight_g": 8000,
        "shelf_life_days": None,
        "created_days_ago": 315,
        "certificate": {
            "stars": 4,
            "score": 83,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "2520/QĐ-UBND",
            "decision_date": "2024-12-27",
            "certificate_number": "BT-OCOP-2024-0250",
            "issued_on": "2024-12-30",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "hoa-giay-uon-the",
        "cooperative": "co-so-hoa-kieng-sau-loi",
        "category": "5.1",
        "name_vi": "Hoa giấy uốn thế",
        "name_en": "Trained bougainvillea",
        "description_vi": "Hoa giấy ngũ sắc uốn thế thác đổ, nở quanh năm, dễ chăm.",
        "description_en": (
            "Multi-coloured bougainvillea trained into a cascade, flowering all year and easy to "
            "keep."
        ),
        "unit": "chậu (cao 50 cm)",
        "price_vnd": 350000,
        "stock": 35,
        "weight_g": 6000,
        "shelf_life_days": None,
        "created_days_ago": 4,
        "certificate": {
            "stars": 3,
            "score": 59,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "3151/QĐ-UBND",
            "decision_date": "2025-11-11",
            "certificate_number": "VL-OCOP-2025-0316",
            "issued_on": "2025-11-13",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "cuc-mam-xoi-chau",
        "cooperative": "co-so-hoa-kieng-sau-loi",
        "category": "5.1",
        "name_vi": "Cúc mâm xôi",
        "name_en": "Button chrysanthemum in pot",
        "description_vi": (
            "Cúc mâm xôi vàng tròn đều, chưng Tết. Hàng theo mùa, mở đặt từ tháng Mười Một âm "
            "lịch."
        ),
        "description_en": (
            "Round golden button chrysanthemums for Tết. Seasonal: orders open in the eleventh "
            "lunar month."
        ),
        "unit": "chậu",
        "price_vnd": 120000,
        "stock": 0,
        "weight_g": 4000,
        "shelf_life_days": None,
        "created_days_ago": 137,
        "certificate": {
            "stars": 3,
            "score": 52,
            "level": "district",
            "issuing_body": "UBND huyện Chợ Lách",
            "decision_number": "954/QĐ-UBND",
            "decision_date": "2024-12-27",
            "certificate_number": "BT-OCOP-2024-0342",
            "issued_on": "2024-12-29",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "cay-luoi-ho-chau-xo-dua",
        "cooperative": "co-so-hoa-kieng-sau-loi",
        "category": "5.1",
        "name_vi": "Cây lưỡi hổ chậu xơ dừa",
        "name_en": "Snake plant in coir pot",
        "description_vi": (
            "Lưỡi hổ viền vàng trồng trong chậu xơ dừa An Định, lọc không khí, chịu bóng tốt."
        ),
        "description_en": (
            "A yellow-edged snake plant in an An Định coir pot; purifies the air and tolerates "
            "shade."
        ),
        "unit": "chậu",
        "price_vnd": 95000,
        "stock": 140,
        "weight_g": 1500,
        "shelf_life_days": None,
        "created_days_ago": 72,
        "certificate": None,
    },
    # co-so-ca-canh-bay-tung
    {
        "slug": "ca-koi-tuyen-mau",
        "cooperative": "co-so-ca-canh-bay-tung",
        "category": "5.3",
        "name_vi": "Cá koi tuyển màu",
        "name_en": "Colour-selected koi",
        "description_vi": (
            "Cá koi Kohaku và Showa tuyển màu tại trại, khỏe, đã thuần nước. Đóng túi oxy, giao "
            "trong 24 giờ."
        ),
        "description_en": (
            "Kohaku and Showa koi selected for colour at the farm, healthy and acclimatised. "
            "Packed in oxygen bags and delivered within 24 hours."
        ),
        "unit": "con (15–20 cm)",
        "price_vnd": 250000,
        "stock": 60,
        "weight_g": 1500,
        "shelf_life_days": None,
        "created_days_ago": 187,
        "certificate": {
            "stars": 3,
            "score": 55,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "1138/QĐ-UBND",
            "decision_date": "2025-08-05",
            "certificate_number": "VL-OCOP-2025-0903",
            "issued_on": "2025-08-10",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "ca-bay-mau-cap",
        "cooperative": "co-so-ca-canh-bay-tung",
        "category": "5.3",
        "name_vi": "Cá bảy màu cặp",
        "name_en": "Fancy guppy pair",
        "description_vi": "Một cặp cá bảy màu đuôi rồng, màu rực, dễ nuôi trong bể nhỏ.",
        "description_en": (
            "A pair of dragon-tail guppies, brightly coloured and easy to keep in a small tank."
        ),
        "unit": "cặp",
        "price_vnd": 60000,
        "stock": 120,
        "weight_g": 300,
        "shelf_life_days": None,
        "created_days_ago": 289,
        "certificate": {
            "stars": 2,
            "score": 35,
            "level": "district",
            "issuing_body": "UBND huyện Chợ Lách",
            "decision_number": "1694/QĐ-UBND",
            "decision_date": "2024-04-23",
            "certificate_number": None,
            "issued_on": "2024-04-23",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    # htx-trai-cay-phu-phung
    {
        "slug": "sau-rieng-ri6-cho-lach",
        "cooperative": "htx-trai-cay-phu-phung",
        "category": "1.1",
        "name_vi": "Sầu riêng Ri6 Chợ Lách",
        "name_en": "Chợ Lách Ri6 durian",
        "description_vi": (
            "Sầu riêng Ri6 chín cây, cơm vàng, dày, hạt lép. Hái theo đơn, giao trong 48 giờ. "
            "Trái nguyên 2–4 kg, tính tiền theo cân thực tế."
        ),
        "description_en": (
            "Tree-ripened Ri6 durian with thick golden flesh and small seeds. Picked to order, "
            "delivered within 48 hours. Whole fruit of 2–4 kg, charged by actual weight."
        ),
        "unit": "kg",
        "price_vnd": 95000,
        "stock": 150,
        "weight_g": 1000,
        "shelf_life_days": 5,
        "created_days_ago": 75,
        "certificate": {
            "stars": 4,
            "score": 75,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "3119/QĐ-UBND",
            "decision_date": "2025-06-02",
            "certificate_number": "BT-OCOP-2025-0421",
            "issued_on": "2025-06-07",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "chom-chom-java-cho-lach",
        "cooperative": "htx-trai-cay-phu-phung",
        "category": "1.1",
        "name_vi": "Chôm chôm Java",
        "name_en": "Java rambutan",
        "description_vi": (
            "Chôm chôm Java vỏ đỏ, râu xanh, cơm giòn ngọt. Chính vụ từ tháng Năm đến tháng Tám."
        ),
        "description_en": (
            "Java rambutan with red skin and green hairs, crisp and sweet. Main season from May "
            "to August."
        ),
        "unit": "kg",
        "price_vnd": 35000,
        "stock": 400,
        "weight_g": 1000,
        "shelf_life_days": 5,
        "created_days_ago": 19,
        "certificate": {
            "stars": 3,
            "score": 51,
            "level": "district",
            "issuing_body": "UBND huyện Chợ Lách",
            "decision_number": "1635/QĐ-UBND",
            "decision_date": "2025-06-02",
            "certificate_number": "BT-OCOP-2025-0537",
            "issued_on": "2025-06-08",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "mang-cut-cho-lach",
        "cooperative": "htx-trai-cay-phu-phung",
        "category": "1.1",
        "name_vi": "Măng cụt Chợ Lách",
        "name_en": "Chợ Lách mangosteen",
        "description_vi": (
            "Măng cụt vỏ tím sẫm, múi trắng ngọt thanh. Hết mùa; chứng nhận OCOP đã hết hạn."
        ),
        "description_en": (
            "Dark purple mangosteen with sweet white segments. Out of season; its OCOP "
            "certificate has expired."
        ),
        "unit": "kg",
        "price_vnd": 60000,
        "stock": 0,
        "weight_g": 1000,
        "shelf_life_days": 7,
        "created_days_ago": 360,
        "certificate": {
            "stars": 3,
            "score": 55,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "735/QĐ-UBND",
            "decision_date": "2021-05-19",
            "certificate_number": "BT-OCOP-2021-0452",
            "issued_on": "2021-05-22",
            "criteria_version": "1048/QĐ-TTg (2019)",
        },
    },
    {
        "slug": "sau-rieng-say-thang-hoa",
        "cooperative": "htx-trai-cay-phu-phung",
        "category": "1.3",
        "name_vi": "Sầu riêng sấy thăng hoa",
        "name_en": "Freeze-dried durian",
        "description_vi": (
            "Sầu riêng Ri6 chín cây **sấy thăng hoa**, giòn xốp, giữ trọn hương vị. Không đường, "
            "không dầu, không chất bảo quản."
        ),
        "description_en": (
            "Tree-ripened Ri6 durian, **freeze-dried** to a light crunch that keeps all its "
            "flavour. No sugar, no oil, no preservatives."
        ),
        "unit": "gói 100 g",
        "price_vnd": 135000,
        "stock": 80,
        "weight_g": 110,
        "shelf_life_days": 365,
        "created_days_ago": 78,
        "certificate": {
            "stars": 5,
            "score": 97,
            "level": "central",
            "issuing_body": "Bộ Nông nghiệp và Môi trường",
            "decision_number": "1063/QĐ-BNNMT",
            "decision_date": "2026-06-16",
            "certificate_number": "TW-OCOP-2026-0708",
            "issued_on": "2026-06-23",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "tra-vo-buoi-da-xanh",
        "cooperative": "htx-trai-cay-phu-phung",
        "category": "1.7",
        "name_vi": "Trà vỏ bưởi da xanh",
        "name_en": "Green-skin pomelo peel tea",
        "description_vi": "Vỏ bưởi da xanh sấy khô phối cùng trà xanh, vị thanh, hương thơm dịu.",
        "description_en": (
            "Dried green-skin pomelo peel blended with green tea, light and delicately fragrant."
        ),
        "unit": "hộp 20 túi lọc",
        "price_vnd": 55000,
        "stock": 170,
        "weight_g": 80,
        "shelf_life_days": 540,
        "created_days_ago": 383,
        "certificate": {
            "stars": 3,
            "score": 65,
            "level": "district",
            "issuing_body": "UBND huyện Chợ Lách",
            "decision_number": "1222/QĐ-UBND",
            "decision_date": "2024-05-08",
            "certificate_number": "BT-OCOP-2024-0620",
            "issued_on": "2024-05-10",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "tour-vuon-trai-cay-cho-lach",
        "cooperative": "htx-trai-cay-phu-phung",
        "category": "6.2",
        "name_vi": "Tour vườn trái cây Chợ Lách",
        "name_en": "Chợ Lách orchard tour",
        "description_vi": (
            "Nửa ngày đi thuyền trên sông Cổ Chiên và tham quan vườn. Bao gồm:\n\n"
            "- đón tại bến Chợ Lách\n"
            "- ăn trái cây tại vườn\n"
            "- tham quan vườn ươm cây giống\n\n"
            "Trẻ dưới 6 tuổi miễn phí."
        ),
        "description_en": (
            "A half-day boat trip on the Cổ Chiên river and orchard visit. Includes:\n\n"
            "- pick-up at Chợ Lách pier\n"
            "- fruit tasting in the orchard\n"
            "- a visit to a seedling nursery\n\n"
            "Children under 6 go free."
        ),
        "unit": "vé/người",
        "price_vnd": 180000,
        "stock": 200,
        "weight_g": None,
        "shelf_life_days": None,
        "created_days_ago": 326,
        "certificate": {
            "stars": 4,
            "score": 86,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "1267/QĐ-UBND",
            "decision_date": "2025-07-17",
            "certificate_number": "VL-OCOP-2025-0396",
            "issued_on": "2025-07-17",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    # homestay-vuon-dua-phu-tuc
    {
        "slug": "homestay-nha-go-vuon-dua",
        "cooperative": "homestay-vuon-dua-phu-tuc",
        "category": "6.1",
        "name_vi": "Homestay nhà gỗ giữa vườn dừa (1 đêm)",
        "name_en": "Wooden house homestay in a coconut orchard (1 night)",
        "description_vi": (
            "Phòng đôi trong nhà gỗ cổ ba gian, có màn, quạt và phòng tắm riêng. Giá gồm **bữa "
            "sáng** và xe đạp đi dạo vườn dừa."
        ),
        "description_en": (
            "A double room in a three-bay traditional wooden house, with mosquito net, fan and "
            "private bathroom. Price includes **breakfast** and bicycles for the coconut paths."
        ),
        "unit": "phòng/đêm",
        "price_vnd": 450000,
        "stock": 6,
        "weight_g": None,
        "shelf_life_days": None,
        "created_days_ago": 64,
        "certificate": {
            "stars": 4,
            "score": 70,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "978/QĐ-UBND",
            "decision_date": "2024-07-19",
            "certificate_number": "BT-OCOP-2024-0380",
            "issued_on": "2024-07-21",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "tour-xuong-rach-dua-nuoc",
        "cooperative": "homestay-vuon-dua-phu-tuc",
        "category": "6.2",
        "name_vi": "Tour chèo xuồng rạch dừa nước",
        "name_en": "Sampan trip through nipa palm creeks",
        "description_vi": (
            "Một giờ chèo xuồng ba lá len lỏi dưới tán dừa nước, nghe đờn ca tài tử và uống trà "
            "mật ong."
        ),
        "description_en": (
            "An hour in a small sampan winding under the nipa palms, with traditional music and "
            "honey tea."
        ),
        "unit": "vé/người",
        "price_vnd": 150000,
        "stock": 300,
        "weight_g": None,
        "shelf_life_days": None,
        "created_days_ago": 139,
        "certificate": {
            "stars": 3,
            "score": 55,
            "level": "district",
            "issuing_body": "UBND huyện Châu Thành",
            "decision_number": "1877/QĐ-UBND",
            "decision_date": "2024-07-19",
            "certificate_number": "BT-OCOP-2024-0186",
            "issued_on": "2024-07-24",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "trai-nghiem-lam-keo-dua",
        "cooperative": "homestay-vuon-dua-phu-tuc",
        "category": "6.1",
        "name_vi": "Trải nghiệm làm kẹo dừa",
        "name_en": "Coconut candy workshop",
        "description_vi": (
            "Tự tay nạo dừa, vắt nước cốt, nấu và gói kẹo dừa cùng gia đình chủ nhà. Mang về một "
            "gói kẹo do chính mình làm."
        ),
        "description_en": (
            "Grate coconut, press the cream, cook and wrap coconut candy with the host family. "
            "Take home a pack of candy you made yourself."
        ),
        "unit": "vé/người",
        "price_vnd": 120000,
        "stock": 100,
        "weight_g": None,
        "shelf_life_days": None,
        "created_days_ago": 59,
        "certificate": {
            "stars": 3,
            "score": 51,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "2632/QĐ-UBND",
            "decision_date": "2026-08-29",
            "certificate_number": "VL-OCOP-2026-0492",
            "issued_on": "2026-09-03",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    # cong-ty-du-lich-con-thoi-thuan
    {
        "slug": "tour-bien-thoi-thuan-1-ngay",
        "cooperative": "cong-ty-du-lich-con-thoi-thuan",
        "category": "6.2",
        "name_vi": "Tour biển Thới Thuận 1 ngày",
        "name_en": "Thới Thuận seaside day tour",
        "description_vi": (
            "Một ngày với ngư dân Bình Đại:\n\n"
            "- đi ghe ra cồn cát\n"
            "- cào nghêu, bắt ốc\n"
            "- ăn trưa hải sản\n"
            "- trồng một cây đước\n\n"
            "Khởi hành 7 giờ sáng hằng ngày."
        ),
        "description_en": (
            "A day with Bình Đại's fishermen:\n\n"
            "- boat ride to the sand dunes\n"
            "- clam raking and snail gathering\n"
            "- seafood lunch\n"
            "- plant a mangrove tree\n\n"
            "Departs daily at 7 a.m."
        ),
        "unit": "vé/người",
        "price_vnd": 650000,
        "stock": 120,
        "weight_g": None,
        "shelf_life_days": None,
        "created_days_ago": 93,
        "certificate": {
            "stars": 4,
            "score": 78,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "2642/QĐ-UBND",
            "decision_date": "2025-02-05",
            "certificate_number": "BT-OCOP-2025-0180",
            "issued_on": "2025-02-06",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "homestay-nha-ven-bien-thoi-thuan",
        "cooperative": "cong-ty-du-lich-con-thoi-thuan",
        "category": "6.1",
        "name_vi": "Homestay nhà ven biển",
        "name_en": "Seaside homestay",
        "description_vi": (
            "Phòng gỗ hướng biển trong nhà ngư dân, có ban công ngắm bình minh. Giá gồm bữa sáng."
        ),
        "description_en": (
            "A wooden sea-facing room in a fisherman's house, with a balcony for the sunrise. "
            "Breakfast included."
        ),
        "unit": "phòng/đêm",
        "price_vnd": 550000,
        "stock": 8,
        "weight_g": None,
        "shelf_life_days": None,
        "created_days_ago": 183,
        "certificate": {
            "stars": 3,
            "score": 65,
            "level": "district",
            "issuing_body": "UBND huyện Bình Đại",
            "decision_number": "2857/QĐ-UBND",
            "decision_date": "2025-02-05",
            "certificate_number": "BT-OCOP-2025-0171",
            "issued_on": "2025-02-10",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "tour-dom-dom-song-ba-lai",
        "cooperative": "cong-ty-du-lich-con-thoi-thuan",
        "category": "6.2",
        "name_vi": "Tour ngắm đom đóm sông Ba Lai",
        "name_en": "Firefly boat tour on the Ba Lai",
        "description_vi": (
            "Đi ghe trong đêm ngắm đom đóm lập lòe trên hàng bần ven sông. Tour mới, tạm ngừng "
            "nhận khách trong mùa mưa bão."
        ),
        "description_en": (
            "A night boat trip to watch fireflies glittering in the mangrove apple trees along "
            "the river. A new tour, paused during the storm season."
        ),
        "unit": "vé/người",
        "price_vnd": 220000,
        "stock": 0,
        "weight_g": None,
        "shelf_life_days": None,
        "created_days_ago": 111,
        "certificate": None,
    },
    # htx-thuy-san-thanh-phuoc
    {
        "slug": "nuoc-mam-ca-com-binh-dai",
        "cooperative": "htx-thuy-san-thanh-phuoc",
        "category": "1.6",
        "name_vi": "Nước mắm cá cơm Bình Đại 35 độ đạm",
        "name_en": "Bình Đại anchovy fish sauce, 35°N",
        "description_vi": (
            "Nước mắm truyền thống từ cá cơm và muối, ủ chượp mười hai tháng trong thùng gỗ. "
            "**35 độ đạm**, không chất điều vị."
        ),
        "description_en": (
            "Traditional fish sauce of anchovies and salt, fermented for twelve months in wooden "
            "vats. **35°N protein**, no flavour enhancers."
        ),
        "unit": "chai 500 ml",
        "price_vnd": 85000,
        "stock": 260,
        "weight_g": 650,
        "shelf_life_days": 730,
        "created_days_ago": 126,
        "certificate": {
            "stars": 4,
            "score": 70,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "759/QĐ-UBND",
            "decision_date": "2024-08-12",
            "certificate_number": "BT-OCOP-2024-0342",
            "issued_on": "2024-08-16",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "ngheu-luoc-tach-vo",
        "cooperative": "htx-thuy-san-thanh-phuoc",
        "category": "1.5",
        "name_vi": "Nghêu Bến Tre luộc tách vỏ",
        "name_en": "Cooked shelled Bến Tre clams",
        "description_vi": (
            "Nghêu từ bãi khai thác bền vững, luộc chín, tách vỏ và cấp đông nhanh. Dùng nấu "
            "canh, xào hoặc làm gỏi."
        ),
        "description_en": (
            "Clams from sustainably managed beds, cooked, shelled and quick-frozen. For soups, "
            "stir-fries and salads."
        ),
        "unit": "túi 500 g (cấp đông)",
        "price_vnd": 95000,
        "stock": 150,
        "weight_g": 520,
        "shelf_life_days": 365,
        "created_days_ago": 230,
        "certificate": {
            "stars": 5,
            "score": 96,
            "level": "central",
            "issuing_body": "Bộ Nông nghiệp và Phát triển nông thôn",
            "decision_number": "2575/QĐ-BNN-VPĐP",
            "decision_date": "2024-11-28",
            "certificate_number": "TW-OCOP-2024-0208",
            "issued_on": "2024-12-03",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "tom-kho-binh-dai",
        "cooperative": "htx-thuy-san-thanh-phuoc",
        "category": "1.5",
        "name_vi": "Tôm khô Bình Đại",
        "name_en": "Bình Đại dried shrimp",
        "description_vi": (
            "Tôm đất luộc nước muối rồi phơi nắng, thịt ngọt, màu đỏ tự nhiên. Chứng nhận OCOP "
            "đã hết hạn."
        ),
        "description_en": (
            "Small shrimp boiled in brine and sun-dried, sweet with a natural red colour. Its "
            "OCOP certificate has expired."
        ),
        "unit": "gói 200 g",
        "price_vnd": 260000,
        "stock": 70,
        "weight_g": 210,
        "shelf_life_days": 180,
        "created_days_ago": 160,
        "certificate": {
            "stars": 3,
            "score": 62,
            "level": "district",
            "issuing_body": "UBND huyện Bình Đại",
            "decision_number": "448/QĐ-UBND",
            "decision_date": "2023-09-14",
            "certificate_number": "BT-OCOP-2023-0528",
            "issued_on": "2023-09-18",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    # co-so-kho-ca-chin-hung
    {
        "slug": "kho-ca-dua-mot-nang",
        "cooperative": "co-so-kho-ca-chin-hung",
        "category": "1.5",
        "name_vi": "Khô cá dứa một nắng",
        "name_en": "Sun-dried cá dứa catfish",
        "description_vi": (
            "Cá dứa xẻ bướm, ướp tỏi tiêu, phơi đúng một nắng. Chiên vàng ăn với cơm trắng hoặc "
            "nhâm nhi."
        ),
        "description_en": (
            "Cá dứa catfish butterflied, marinated with garlic and pepper and dried for exactly "
            "one day of sun. Fry until golden and serve with rice or as a snack."
        ),
        "unit": "gói 500 g",
        "price_vnd": 210000,
        "stock": 95,
        "weight_g": 520,
        "shelf_life_days": 90,
        "created_days_ago": 189,
        "certificate": {
            "stars": 4,
            "score": 72,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "843/QĐ-UBND",
            "decision_date": "2025-10-14",
            "certificate_number": "VL-OCOP-2025-0408",
            "issued_on": "2025-10-18",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "kho-muc-binh-dai",
        "cooperative": "co-so-kho-ca-chin-hung",
        "category": "1.5",
        "name_vi": "Khô mực Bình Đại",
        "name_en": "Bình Đại dried squid",
        "description_vi": "Mực ống câu đêm, phơi khô tự nhiên. Nướng than, xé nhỏ, chấm tương ớt.",
        "description_en": (
            "Squid caught on night lines and dried naturally. Grill over charcoal, tear into "
            "strips and dip in chilli sauce."
        ),
        "unit": "gói 300 g",
        "price_vnd": 330000,
        "stock": 40,
        "weight_g": 310,
        "shelf_life_days": 180,
        "created_days_ago": 156,
        "certificate": {
            "stars": 3,
            "score": 63,
            "level": "district",
            "issuing_body": "UBND huyện Bình Đại",
            "decision_number": "3273/QĐ-UBND",
            "decision_date": "2024-06-26",
            "certificate_number": "BT-OCOP-2024-0615",
            "issued_on": "2024-06-28",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "kho-ca-chi-vang",
        "cooperative": "co-so-kho-ca-chin-hung",
        "category": "1.5",
        "name_vi": "Khô cá chỉ vàng",
        "name_en": "Dried yellowstripe scad",
        "description_vi": (
            "Cá chỉ vàng tẩm gia vị, phơi khô. Sản phẩm tiềm năng, cơ sở đang được hỗ trợ xây "
            "dựng nhãn mác."
        ),
        "description_en": (
            "Seasoned, sun-dried yellowstripe scad. A potential product; the family is being "
            "helped with labelling."
        ),
        "unit": "gói 500 g",
        "price_vnd": 150000,
        "stock": 120,
        "weight_g": 520,
        "shelf_life_days": 180,
        "created_days_ago": 218,
        "certificate": {
            "stars": 2,
            "score": 31,
            "level": "district",
            "issuing_body": "UBND huyện Bình Đại",
            "decision_number": "2587/QĐ-UBND",
            "decision_date": "2024-09-30",
            "certificate_number": None,
            "issued_on": "2024-10-04",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    # htx-bo-tan-xuan
    {
        "slug": "kho-bo-ba-tri",
        "cooperative": "htx-bo-tan-xuan",
        "category": "1.5",
        "name_vi": "Khô bò Ba Tri",
        "name_en": "Ba Tri beef jerky",
        "description_vi": "Thịt bò Ba Tri thái sợi, ướp sả, ớt, mật ong rồi sấy. Cay nhẹ, dai mềm.",
        "description_en": (
            "Ba Tri beef cut into strips, marinated with lemongrass, chilli and honey, then "
            "dried. Mildly spicy and tender-chewy."
        ),
        "unit": "gói 250 g",
        "price_vnd": 165000,
        "stock": 180,
        "weight_g": 260,
        "shelf_life_days": 180,
        "created_days_ago": 197,
        "certificate": {
            "stars": 4,
            "score": 71,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "1061/QĐ-UBND",
            "decision_date": "2025-04-16",
            "certificate_number": "BT-OCOP-2025-0319",
            "issued_on": "2025-04-17",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "bo-mot-nang-ba-tri",
        "cooperative": "htx-bo-tan-xuan",
        "category": "1.5",
        "name_vi": "Bò một nắng Ba Tri",
        "name_en": "Ba Tri sun-dried beef",
        "description_vi": (
            "Bò thái lát mỏng, tẩm gia vị, phơi một nắng. Nướng than, chấm muối kiến vàng. Bảo "
            "quản ngăn đông."
        ),
        "description_en": (
            "Thin slices of seasoned beef dried for one day of sun. Grill over charcoal and dip "
            "in red-ant salt. Keep frozen."
        ),
        "unit": "gói 500 g",
        "price_vnd": 260000,
        "stock": 60,
        "weight_g": 520,
        "shelf_life_days": 30,
        "created_days_ago": 71,
        "certificate": {
            "stars": 3,
            "score": 52,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "2886/QĐ-UBND",
            "decision_date": "2026-02-12",
            "certificate_number": "VL-OCOP-2026-0593",
            "issued_on": "2026-02-12",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "cha-bo-ba-tri",
        "cooperative": "htx-bo-tan-xuan",
        "category": "1.5",
        "name_vi": "Chả bò Ba Tri",
        "name_en": "Ba Tri beef sausage",
        "description_vi": "Chả bò quết tay, thêm tiêu hột và mỡ giòn, gói lá chuối hấp chín.",
        "description_en": (
            "Hand-pounded beef sausage with whole peppercorns and crunchy fat, steamed in banana "
            "leaves."
        ),
        "unit": "cây 500 g",
        "price_vnd": 140000,
        "stock": 50,
        "weight_g": 500,
        "shelf_life_days": 14,
        "created_days_ago": 362,
        "certificate": {
            "stars": 3,
            "score": 56,
            "level": "district",
            "issuing_body": "UBND huyện Ba Tri",
            "decision_number": "2528/QĐ-UBND",
            "decision_date": "2024-10-09",
            "certificate_number": "BT-OCOP-2024-0242",
            "issued_on": "2024-10-13",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    # co-so-nuoc-mam-sau-cuong
    {
        "slug": "nuoc-mam-nhi-sau-cuong",
        "cooperative": "co-so-nuoc-mam-sau-cuong",
        "category": "1.6",
        "name_vi": "Nước mắm nhĩ cá cơm",
        "name_en": "First-press anchovy fish sauce",
        "description_vi": (
            "Nước mắm nhĩ kéo rút lần đầu từ lu cá cơm ủ một năm. Màu cánh gián, đạm cao, hậu vị "
            "ngọt."
        ),
        "description_en": (
            "The first draw from anchovy jars aged for a year. Deep amber, high in protein, with "
            "a sweet finish."
        ),
        "unit": "chai 500 ml",
        "price_vnd": 120000,
        "stock": 140,
        "weight_g": 650,
        "shelf_life_days": 730,
        "created_days_ago": 95,
        "certificate": {
            "stars": 4,
            "score": 82,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "2936/QĐ-UBND",
            "decision_date": "2026-05-27",
            "certificate_number": "VL-OCOP-2026-0136",
            "issued_on": "2026-05-28",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "nuoc-mam-toi-ot-pha-san",
        "cooperative": "co-so-nuoc-mam-sau-cuong",
        "category": "1.6",
        "name_vi": "Nước mắm tỏi ớt pha sẵn",
        "name_en": "Ready-mixed garlic and chilli fish sauce",
        "description_vi": (
            "Nước chấm pha sẵn từ nước mắm nhĩ, chanh, tỏi, ớt. Chỉ việc rót ra chén."
        ),
        "description_en": (
            "Dipping sauce of first-press fish sauce, lime, garlic and chilli. Just pour into a "
            "bowl."
        ),
        "unit": "chai 250 ml",
        "price_vnd": 40000,
        "stock": 200,
        "weight_g": 320,
        "shelf_life_days": 365,
        "created_days_ago": 204,
        "certificate": {
            "stars": 3,
            "score": 64,
            "level": "district",
            "issuing_body": "UBND huyện Ba Tri",
            "decision_number": "3106/QĐ-UBND",
            "decision_date": "2024-01-17",
            "certificate_number": "BT-OCOP-2024-0177",
            "issued_on": "2024-01-21",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    # htx-tom-sinh-thai-thanh-hai
    {
        "slug": "tom-kho-thanh-phu",
        "cooperative": "htx-tom-sinh-thai-thanh-hai",
        "category": "1.5",
        "name_vi": "Tôm khô sinh thái Thạnh Phú",
        "name_en": "Thạnh Phú eco-farmed dried prawns",
        "description_vi": (
            "Tôm sú nuôi dưới tán rừng đước, luộc và phơi nắng, **không phẩm màu**. Thịt chắc, "
            "ngọt đậm."
        ),
        "description_en": (
            "Tiger prawns raised under the mangroves, boiled and sun-dried, **no colouring**. "
            "Firm, deeply sweet flesh."
        ),
        "unit": "gói 200 g",
        "price_vnd": 290000,
        "stock": 85,
        "weight_g": 210,
        "shelf_life_days": 180,
        "created_days_ago": 173,
        "certificate": {
            "stars": 5,
            "score": 96,
            "level": "central",
            "issuing_body": "Bộ Nông nghiệp và Môi trường",
            "decision_number": "279/QĐ-BNNMT",
            "decision_date": "2025-09-30",
            "certificate_number": "TW-OCOP-2025-0218",
            "issued_on": "2025-10-05",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "tom-su-sinh-thai-cap-dong",
        "cooperative": "htx-tom-sinh-thai-thanh-hai",
        "category": "1.5",
        "name_vi": "Tôm sú sinh thái cấp đông",
        "name_en": "Frozen eco-farmed tiger prawns",
        "description_vi": "Tôm sú nguyên con cỡ 20–25 con/kg, cấp đông ngay tại bờ đầm. Giao lạnh.",
        "description_en": (
            "Whole tiger prawns, 20–25 per kg, frozen at the pond side. Shipped chilled."
        ),
        "unit": "hộp 500 g",
        "price_vnd": 245000,
        "stock": 110,
        "weight_g": 520,
        "shelf_life_days": 365,
        "created_days_ago": 192,
        "certificate": {
            "stars": 4,
            "score": 77,
            "level": "province",
            "issuing_body": "UBND tỉnh Bến Tre",
            "decision_number": "967/QĐ-UBND",
            "decision_date": "2024-12-03",
            "certificate_number": "BT-OCOP-2024-0369",
            "issued_on": "2024-12-04",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "mam-tom-chua-thanh-phu",
        "cooperative": "htx-tom-sinh-thai-thanh-hai",
        "category": "1.5",
        "name_vi": "Mắm tôm chua",
        "name_en": "Sour fermented shrimp",
        "description_vi": (
            "Tôm đất ủ với riềng, tỏi, ớt và đu đủ bào, chua cay hài hòa. Ăn kèm thịt luộc, bánh "
            "tráng."
        ),
        "description_en": (
            "Shrimp fermented with galangal, garlic, chilli and shredded papaya, sour and spicy. "
            "Eat with boiled pork and rice paper."
        ),
        "unit": "hũ 400 g",
        "price_vnd": 85000,
        "stock": 130,
        "weight_g": 450,
        "shelf_life_days": 60,
        "created_days_ago": 18,
        "certificate": {
            "stars": 3,
            "score": 68,
            "level": "district",
            "issuing_body": "UBND huyện Thạnh Phú",
            "decision_number": "1664/QĐ-UBND",
            "decision_date": "2025-03-05",
            "certificate_number": "BT-OCOP-2025-0500",
            "issued_on": "2025-03-09",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "muoi-hot-thanh-hai",
        "cooperative": "htx-tom-sinh-thai-thanh-hai",
        "category": "1.6",
        "name_vi": "Muối hột Thạnh Hải",
        "name_en": "Thạnh Hải sea salt",
        "description_vi": "Muối hột phơi trên ruộng muối ven biển Thạnh Hải, hạt to, vị mặn dịu.",
        "description_en": (
            "Coarse salt evaporated in the seaside salt fields of Thạnh Hải, large crystals with "
            "a mellow saltiness."
        ),
        "unit": "túi 1 kg",
        "price_vnd": 25000,
        "stock": 300,
        "weight_g": 1000,
        "shelf_life_days": 1095,
        "created_days_ago": 77,
        "certificate": {
            "stars": 3,
            "score": 66,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "2850/QĐ-UBND",
            "decision_date": "2026-09-08",
            "certificate_number": "VL-OCOP-2026-0754",
            "issued_on": "2026-09-11",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    # tht-du-lich-thanh-phong
    {
        "slug": "tour-rung-ngap-man-thanh-phong",
        "cooperative": "tht-du-lich-thanh-phong",
        "category": "6.2",
        "name_vi": "Tour rừng ngập mặn Thạnh Phong",
        "name_en": "Thạnh Phong mangrove tour",
        "description_vi": (
            "Chèo xuồng xuyên rừng đước, ngắm chim và ăn trưa cùng nhà dân. Thời gian khoảng bốn "
            "giờ."
        ),
        "description_en": (
            "Paddle through the mangrove forest, watch the birds and have lunch with a local "
            "family. About four hours."
        ),
        "unit": "vé/người",
        "price_vnd": 280000,
        "stock": 150,
        "weight_g": None,
        "shelf_life_days": None,
        "created_days_ago": 85,
        "certificate": {
            "stars": 3,
            "score": 67,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "1514/QĐ-UBND",
            "decision_date": "2025-11-25",
            "certificate_number": "VL-OCOP-2025-0899",
            "issued_on": "2025-12-01",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "homestay-lang-bien-thanh-phong",
        "cooperative": "tht-du-lich-thanh-phong",
        "category": "6.1",
        "name_vi": "Homestay làng biển Thạnh Phong",
        "name_en": "Thạnh Phong fishing-village homestay",
        "description_vi": (
            "Ngủ trong nhà dân làng biển, ăn tối hải sản, sáng sớm ra bãi xem ghe về."
        ),
        "description_en": (
            "Sleep in a fishing family's home, eat seafood for dinner and go to the beach at "
            "dawn to meet the returning boats."
        ),
        "unit": "phòng/đêm",
        "price_vnd": 380000,
        "stock": 10,
        "weight_g": None,
        "shelf_life_days": None,
        "created_days_ago": 45,
        "certificate": {
            "stars": 3,
            "score": 61,
            "level": "district",
            "issuing_body": "UBND huyện Thạnh Phú",
            "decision_number": "284/QĐ-UBND",
            "decision_date": "2024-04-11",
            "certificate_number": "BT-OCOP-2024-0601",
            "issued_on": "2024-04-18",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
    {
        "slug": "trai-nghiem-cao-ngheu",
        "cooperative": "tht-du-lich-thanh-phong",
        "category": "6.1",
        "name_vi": "Trải nghiệm cào nghêu cùng ngư dân",
        "name_en": "Clam raking with the villagers",
        "description_vi": (
            "Theo chân bà con ra bãi khi nước ròng, cào nghêu và nướng ngay trên bãi. Sản phẩm "
            "du lịch tiềm năng, đang hoàn thiện."
        ),
        "description_en": (
            "Follow the villagers onto the flats at low tide, rake clams and grill them right on "
            "the beach. A potential tourism product still being developed."
        ),
        "unit": "vé/người",
        "price_vnd": 160000,
        "stock": 80,
        "weight_g": None,
        "shelf_life_days": None,
        "created_days_ago": 159,
        "certificate": {
            "stars": 2,
            "score": 39,
            "level": "province",
            "issuing_body": "UBND tỉnh Vĩnh Long",
            "decision_number": "2322/QĐ-UBND",
            "decision_date": "2026-07-08",
            "certificate_number": None,
            "issued_on": "2026-07-10",
            "criteria_version": "148/QĐ-TTg (2023)",
        },
    },
]
