-- The OCOP rules in force, as data: a new decree is a new row, not new code.

INSERT INTO evaluation_schemes (id, code, name, max_a, max_b, max_c, validity_months, valid_from, valid_to) VALUES
 (1, '1048/QĐ-TTg', 'Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP (Quyết định 1048/QĐ-TTg)', 3500, 2500, 4000, 36, '2019-08-21', '2023-02-23'),
 (2, '148/QĐ-TTg', 'Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP (Quyết định 148/QĐ-TTg)', 4000, 2500, 3500, 36, '2023-02-24', NULL);

INSERT INTO star_bands (stars, min_score, max_score, certified, name_vi, name_en) VALUES
 (5, 9000, 10000, 1, 'Sản phẩm đạt chất lượng quốc gia, có thể xuất khẩu', 'National level, can export'),
 (4, 7000, 8999, 1, 'Sản phẩm tiêu biểu cấp tỉnh', 'Strong provincial product'),
 (3, 5000, 6999, 1, 'Sản phẩm đạt tiêu chuẩn', 'Meets the standard'),
 (2, 3000, 4999, 0, 'Sản phẩm chưa đạt tiêu chuẩn', 'Not yet up to standard'),
 (1, 0, 2999, 0, 'Sản phẩm ở mức khởi đầu', 'Starting point');

INSERT INTO product_groups (id, code, slug, name_vi, name_en, position) VALUES
 (1, 'I', 'thuc-pham', 'Thực phẩm', 'Food', 1),
 (2, 'II', 'do-uong', 'Đồ uống', 'Beverages', 2),
 (3, 'III', 'thao-duoc', 'Thảo dược', 'Herbal products', 3),
 (4, 'IV', 'thu-cong-my-nghe', 'Thủ công mỹ nghệ', 'Handicrafts', 4),
 (5, 'V', 'sinh-vat-canh', 'Sinh vật cảnh', 'Ornamental plants and animals', 5),
 (6, 'VI', 'du-lich', 'Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch', 'Community and eco-tourism', 6);

INSERT INTO product_sets (id, group_id, code, slug, name_vi, name_en, position) VALUES
 (1, 1, 'I.1', 'rau-cu-qua-hat-tuoi', 'Rau, củ, quả, hạt tươi', 'Fresh vegetables, roots, fruit and nuts', 1),
 (2, 1, 'I.2', 'thit-thuy-san-trung-sua-tuoi', 'Thịt, thủy sản, trứng, sữa tươi', 'Fresh meat, seafood, eggs and milk', 2),
 (3, 1, 'I.3', 'gao-ngu-coc', 'Gạo, ngũ cốc', 'Rice and cereals', 3),
 (4, 1, 'I.4', 'mat-ong-nong-san-khac', 'Mật ong, các sản phẩm từ mật ong và nông sản khác', 'Honey and other farm foods', 4),
 (5, 1, 'I.5', 'do-an-nhanh', 'Đồ ăn nhanh', 'Fast food', 5),
 (6, 1, 'I.6', 'che-bien-tu-gao-ngu-coc', 'Chế biến từ gạo, ngũ cốc', 'Processed from rice or cereals', 6),
 (7, 1, 'I.7', 'che-bien-tu-rau-cu-qua-hat', 'Chế biến từ rau, củ, quả, hạt', 'Processed from vegetables, fruit or nuts', 7),
 (8, 1, 'I.8', 'che-bien-tu-thit-trung-sua-thuy-san', 'Chế biến từ thịt, trứng, sữa, thủy sản', 'Processed from meat, eggs, milk or seafood', 8),
 (9, 1, 'I.9', 'tuong-nuoc-mam-gia-vi-long', 'Tương, nước mắm, gia vị dạng lỏng khác', 'Soy sauce, fish sauce and other liquid seasonings', 9),
 (10, 1, 'I.10', 'gia-vi-khac', 'Gia vị khác', 'Other spices', 10),
 (11, 1, 'I.11', 'che-tuoi-che-bien', 'Chè tươi, chè chế biến', 'Tea, fresh or processed', 11),
 (12, 1, 'I.12', 'tra-tu-thuc-vat-khac', 'Trà từ thực vật khác', 'Teas from other plants', 12),
 (13, 1, 'I.13', 'ca-phe-ca-cao', 'Cà phê, ca cao', 'Coffee and cocoa', 13),
 (14, 2, 'II.1', 'ruou-trang', 'Rượu trắng', 'White spirit', 1),
 (15, 2, 'II.2', 'do-uong-co-con-khac', 'Đồ uống có cồn khác', 'Other alcoholic drinks', 2),
 (16, 2, 'II.3', 'nuoc-khoang-nuoc-dong-chai', 'Nước khoáng, nước uống đóng chai', 'Mineral and bottled water', 3),
 (17, 2, 'II.4', 'do-uong-khong-con-khac', 'Đồ uống không cồn khác', 'Other soft drinks', 4),
 (18, 3, 'III.1', 'thuc-pham-chuc-nang-thuoc-duoc-lieu', 'Thực phẩm chức năng, thuốc dược liệu, thuốc y học cổ truyền', 'Functional foods, herbal and traditional medicines', 1),
 (19, 3, 'III.2', 'my-pham-thao-duoc', 'Mỹ phẩm có nguồn gốc thảo dược', 'Cosmetics from herbs', 2),
 (20, 3, 'III.3', 'tinh-dau-thao-duoc-khac', 'Tinh dầu và thảo dược khác', 'Essential oils and other herbal products', 3),
 (21, 4, 'IV.1', 'do-gia-dung-trang-tri', 'Đồ gia dụng, trang trí', 'Household and decorative crafts', 1),
 (22, 4, 'IV.2', 'vai-may-mac', 'Vải, may mặc', 'Fabric and garments', 2),
 (23, 5, 'V.1', 'hoa', 'Hoa', 'Flowers', 1),
 (24, 5, 'V.2', 'cay-canh', 'Cây cảnh', 'Ornamental plants', 2),
 (25, 5, 'V.3', 'dong-vat-canh', 'Động vật cảnh', 'Ornamental animals', 3),
 (26, 6, 'VI.1', 'du-lich-cong-dong-sinh-thai', 'Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch', 'Community tourism, eco-tourism and tourist sites', 1);
